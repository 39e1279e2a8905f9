package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.errors.HeraldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static io.herald.core.audience.RuleArbitraries.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class RuleParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("rule(\\.[A-Za-z0-9_-]+|\\[[0-9]+])*: .+", Pattern.DOTALL);
    private final RuleParser parser = new RuleParser(RuleArbitraries.RETENTION);

    @Property(tries = 2000)
    void anyJsonTreeIsAValidRuleOrAnInvalidInputThatNamesItsPath(@ForAll("ruleShapedTrees") JsonNode tree) {
        parsesOrNamesThePath(tree);
    }

    /** Random trees are nearly always invalid near the root; one change to a valid tree reaches every depth and field. */
    @Property(tries = 2000)
    void aValidRuleWithOneChangeIsValidOrAnInvalidInputThatNamesItsPath(@ForAll("rules") Rule rule,
            @ForAll("ruleShapedTrees") JsonNode replacement, @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 0, max = 2) int change) {
        JsonNode tree = rule.toJson().deepCopy();
        List<ObjectNode> objects = new java.util.ArrayList<>();
        collectObjects(tree, objects);
        ObjectNode target = objects.get(position % objects.size());
        List<String> fields = new java.util.ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        String field = fields.get((position / objects.size()) % fields.size());
        switch (change) {
            case 0 -> target.set(field, replacement);
            case 1 -> target.remove(field);
            default -> target.set(replacement.isTextual() ? replacement.asText().replaceAll("[^A-Za-z]", "") + "x" : "within", replacement);
        }
        parsesOrNamesThePath(tree);
    }

    private void parsesOrNamesThePath(JsonNode tree) {
        Rule rule;
        try {
            rule = parser.parse(tree);
        } catch (HeraldException e) {
            assertThat(e.kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
            assertThat(e.detail()).matches(PATH);
            net.jqwik.api.statistics.Statistics.collect("invalid");
            return;
        } catch (RuntimeException e) {
            fail("parsing " + tree + " threw " + e);
            return;
        }
        net.jqwik.api.statistics.Statistics.collect("valid");
        assertThat(parser.parse(rule.toJson())).isEqualTo(rule);
    }

    @Property
    void aValidRuleReSerializesToAnEqualTree(@ForAll("rules") Rule rule) throws Exception {
        JsonNode written = rule.toJson();
        JsonNode reread = MAPPER.readTree(MAPPER.writeValueAsString(written));
        Rule parsed = parser.parse(reread);
        assertThat(parsed).isEqualTo(rule);
        assertThat(parsed.toJson()).isEqualTo(written);
    }

    @Example
    void namesThePathOfAnUnknownOperator() {
        assertInvalid("""
                {"all":[{"consent":"email"},{"any":[{"attribute":"tier","op":"equalz","value":"gold"}]}]}""",
                "rule.all[1].any[0].op: unknown operator 'equalz' (expected one of eq, neq, in, exists, gt, gte, lt, lte, before, after, within)");
    }

    @Example
    void refusesAWindowLongerThanTheEventRetention() {
        assertInvalid("""
                {"not":{"event":"purchased","within":"P401D"}}""",
                "rule.not.within: 'P401D' is longer than the event retention (P400D): older events are deleted, so the rule could never see them");
        assertThat(parser.parse(json("{\"event\":\"purchased\",\"within\":\"P400D\"}"))).isInstanceOf(Rule.Event.class);
    }

    @Example
    void refusesBadDurationsAndWrongTypes() {
        assertInvalid("{\"event\":\"product_viewed\",\"within\":\"P7X\"}", "rule.within: 'P7X' is not an ISO-8601 duration such as P30D or PT12H");
        assertInvalid("{\"event\":\"product_viewed\",\"within\":\"-P7D\"}", "rule.within: '-P7D' must be longer than zero");
        assertInvalid("{\"event\":\"product_viewed\",\"within\":7}", "rule.within: must be an ISO-8601 duration such as P30D or PT12H, not the number 7");
        assertInvalid("{\"event\":\"product_viewed\",\"atLeast\":0}", "rule.atLeast: must be a whole number from 1 to 1000, not the number 0");
        assertInvalid("{\"event\":\"product_viewed\",\"where\":{\"sku\":[\"X\"]}}", "rule.where.sku: eq takes a string, number or boolean, not an array");
        assertInvalid("{\"attribute\":\"age\",\"op\":\"gt\",\"value\":\"18\"}", "rule.value: gt takes a number, not the string '18'");
        assertInvalid("{\"attribute\":\"since\",\"op\":\"before\",\"value\":\"last week\"}",
                "rule.value: before takes an ISO date (2026-01-31) or date-time (2026-01-31T09:00:00Z), not the string 'last week'");
        assertInvalid("{\"attribute\":\"since\",\"op\":\"within\",\"value\":\"30 days\"}", "rule.value: '30 days' is not an ISO-8601 duration such as P30D or PT12H");
        assertInvalid("{\"attribute\":\"since\",\"op\":\"within\",\"value\":\"P999999999999D\"}",
                "rule.value: 'P999999999999D' is longer than 100 years: the limit of a relative date");
        assertInvalid("{\"attribute\":\"tier\",\"op\":\"in\",\"value\":[]}", "rule.value: in takes an array of 1 to 100 strings, numbers or booleans");
        assertInvalid("{\"attribute\":\"tier\",\"op\":\"in\",\"value\":[\"gold\",{}]}", "rule.value[1]: in takes a non-empty array of strings, numbers or booleans, not an object");
        assertInvalid("{\"attribute\":\"tier\",\"op\":\"eq\"}", "rule.value: required: eq takes a string, number or boolean");
        assertInvalid("{\"attribute\":\"tier\",\"op\":\"exists\",\"value\":true}",
                "rule.value: exists takes no value (use {\"not\": ...} for contacts without the attribute)");
        assertInvalid("{\"attribute\":\"a b\",\"op\":\"exists\"}",
                "rule.attribute: 'a b' is not an attribute name: letters, digits, '_' or '-', with '.' to reach into a nested object (at most 5 levels)");
    }

    @Example
    void refusesUnknownFieldsKindsAndChannels() {
        assertInvalid("{\"any\":[{\"consent\":\"email\",\"op\":\"eq\"}]}", "rule.any[0].op: unknown field (a 'consent' rule has consent)");
        assertInvalid("{\"any\":[{\"tier\":\"gold\"}]}",
                "rule.any[0]: a rule has one of the keys all, any, not, attribute, consent, locale, timezone, event");
        assertInvalid("{\"consent\":\"email\",\"locale\":\"en\"}",
                "rule: has both 'consent' and 'locale'; combine conditions with {\"all\": [...]} or {\"any\": [...]}");
        assertThatThrownBy(() -> parser.parse(json("{\"consent\":\"fax\"}"))).isInstanceOf(HeraldException.class)
                .hasMessageStartingWith("rule.consent: 'fax' is not a channel; use one of [").hasMessageContaining("email");
        assertInvalid("{\"locale\":[\"en\",\"not a tag\"]}", "rule.locale[1]: 'not a tag' is not a BCP 47 language tag such as en-US or zh-CN");
        assertInvalid("{\"timezone\":\"Mars/Olympus\"}", "rule.timezone: 'Mars/Olympus' is not an IANA time zone such as Europe/Paris or Asia/Shanghai");
        assertInvalid("{\"event\":\"has spaces\"}", "rule.event: required, a letter then up to 63 letters, digits, '_', '.', ':' or '-'");
        assertInvalid("{\"all\":[]}", "rule.all: must be a non-empty array of rules");
        assertInvalid("[]", "rule: must be a rule object, not an array");
        assertInvalid("{\"not\":null}", "rule.not: required: a rule object such as {\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}");
    }

    @Example
    void capsDepthAndNodeCount() {
        String deep = "{\"consent\":\"email\"}";
        for (int level = 1; level < RuleParser.MAX_DEPTH; level++) {
            deep = "{\"not\":" + deep + "}";
        }
        assertThat(parser.parse(json(deep))).isInstanceOf(Rule.Not.class);
        assertInvalid("{\"not\":" + deep + "}", "rule" + ".not".repeat(RuleParser.MAX_DEPTH) + ": rules nest at most 8 levels deep");

        String leaves = String.join(",", java.util.Collections.nCopies(RuleParser.MAX_NODES - 1, "{\"consent\":\"email\"}"));
        assertThat(parser.parse(json("{\"any\":[" + leaves + "]}"))).isInstanceOf(Rule.Any.class);
        assertInvalid("{\"any\":[" + leaves + ",{\"consent\":\"sms\"}]}", "rule.any[99]: a segment rule has at most 100 nodes");
    }

    @Example
    void fillsInDefaultsAndCanonicalForms() {
        Rule rule = parser.parse(json("{\"all\":[{\"event\":\"purchased\"},{\"locale\":\"zh-cn\"},{\"event\":\"opened_app\",\"within\":\"p7d\"}]}"));
        assertThat(rule).isEqualTo(new Rule.All(List.of(
                new Rule.Event("purchased", java.util.Map.of(), Duration.ofDays(400), 1),
                new Rule.Locale(List.of("zh-CN")),
                new Rule.Event("opened_app", java.util.Map.of(), Duration.ofDays(7), 1))));
        assertThat(rule.toJson().toString()).isEqualTo("{\"all\":[{\"event\":\"purchased\",\"within\":\"P400D\",\"atLeast\":1},"
                + "{\"locale\":\"zh-CN\"},{\"event\":\"opened_app\",\"within\":\"P7D\",\"atLeast\":1}]}");
        assertThat(rule.widestWindow()).isEqualTo(Duration.ofDays(400));
    }

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    /**
     * Objects shaped like rule nodes whose fields take values from pools of good and bad values, so that a fair
     * share parse and the rest fail at every depth and field.
     */
    @Provide
    Arbitrary<JsonNode> ruleShapedTrees() {
        return tree(4);
    }

    private Arbitrary<JsonNode> tree(int depth) {
        Arbitrary<JsonNode> leafValue = Arbitraries.oneOf(
                Arbitraries.of("eq", "neq", "in", "exists", "gt", "lte", "before", "after", "within", "equalz", "email", "sms", "fax",
                        "zh", "zh-CN", "en-GB", "xx!", "Asia/Shanghai", "Mars/Olympus", "P7D", "P400D", "P401D", "PT12H", "P7X", "-P1D", "P999999999999D", "PT0S",
                        "2030-01-31", "2030-01-31T09:00:00Z", "tier", "age", "a.b", "a..b", "product_viewed", "has space", "")
                        .map(JSON::textNode),
                Arbitraries.strings().ofMaxLength(8).map(JSON::textNode),
                Arbitraries.integers().between(-2, 1002).map(JSON::numberNode),
                Arbitraries.of(1.5, 1e300, -0.0).map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.just(JSON.nullNode()));
        if (depth == 0) {
            return leafValue;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<String> keys = Arbitraries.of("all", "any", "not", "attribute", "op", "value", "consent", "locale", "timezone",
                "event", "where", "within", "atLeast", "sku", "junk");
        Arbitrary<JsonNode> object = Arbitraries.maps(keys, Arbitraries.frequencyOf(Tuple.of(3, leafValue), Tuple.of(2, child)))
                .ofMinSize(1).ofMaxSize(4).map(fields -> {
                    ObjectNode node = JSON.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
        Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(items -> JSON.arrayNode().addAll(items));
        return Arbitraries.frequencyOf(Tuple.of(1, leafValue), Tuple.of(5, object), Tuple.of(2, array));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    private void assertInvalid(String rule, String detail) {
        assertThatThrownBy(() -> parser.parse(json(rule))).isInstanceOfSatisfying(HeraldException.class, e -> {
            assertThat(e.kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
