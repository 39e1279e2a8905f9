package io.herald.core.audience;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Consent;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactEvent;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.herald.core.audience.RuleArbitraries.JSON;
import static io.herald.core.audience.RuleArbitraries.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class RuleEvaluatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RuleParser parser = new RuleParser(RuleArbitraries.RETENTION);

    @Property
    void notIsTheNegation(@ForAll("rules") Rule rule, @ForAll("contacts") Contact contact, @ForAll("events") List<ContactEvent> events) {
        assertThat(matches(new Rule.Not(rule), contact, events)).isEqualTo(!matches(rule, contact, events));
    }

    @Property
    void allIsConjunctionAndAnyIsDisjunction(@ForAll("rules") Rule a, @ForAll("rules") Rule b,
            @ForAll("contacts") Contact contact, @ForAll("events") List<ContactEvent> events) {
        boolean left = matches(a, contact, events);
        boolean right = matches(b, contact, events);
        assertThat(matches(new Rule.All(List.of(a, b)), contact, events)).isEqualTo(left && right);
        assertThat(matches(new Rule.Any(List.of(a, b)), contact, events)).isEqualTo(left || right);
        assertThat(matches(new Rule.All(List.of(a)), contact, events)).isEqualTo(left);
        assertThat(matches(new Rule.Any(List.of(a)), contact, events)).isEqualTo(left);
        assertThat(matches(new Rule.Not(new Rule.All(List.of(a, b))), contact, events))
                .isEqualTo(matches(new Rule.Any(List.of(new Rule.Not(a), new Rule.Not(b))), contact, events));
    }

    @Property
    void theEvaluationOrderDoesNotChangeTheAnswer(@ForAll("rules") Rule a, @ForAll("rules") Rule b,
            @ForAll("contacts") Contact contact, @ForAll("events") List<ContactEvent> events) {
        assertThat(matches(new Rule.All(List.of(a, b)), contact, events)).isEqualTo(matches(new Rule.All(List.of(b, a)), contact, events));
        assertThat(matches(new Rule.Any(List.of(a, b)), contact, events)).isEqualTo(matches(new Rule.Any(List.of(b, a)), contact, events));
    }

    @Property
    void anEventCountsFromTheWindowsFirstInstantOnward(@ForAll @IntRange(min = 1, max = 400) int days,
            @ForAll @IntRange(min = 1, max = 1_000_000) int nanosEarlier) {
        Rule.Event viewed = new Rule.Event("product_viewed", Map.of(), Duration.ofDays(days), 1);
        Instant windowStart = NOW.minus(Duration.ofDays(days));
        assertThat(matches(viewed, contact(), List.of(event("product_viewed", windowStart, null)))).isTrue();
        assertThat(matches(viewed, contact(), List.of(event("product_viewed", windowStart.minusNanos(nanosEarlier), null)))).isFalse();
        assertThat(matches(viewed, contact(), List.of(event("product_viewed", NOW.plus(Duration.ofHours(1)), null)))).isTrue();
    }

    @Property
    void atLeastCountsOnlyEventsOfTheTypeWithTheProperties(@ForAll @IntRange(min = 1, max = 5) int atLeast,
            @ForAll @IntRange(min = 0, max = 6) int matching, @ForAll @IntRange(min = 0, max = 4) int others) {
        Rule.Event rule = new Rule.Event("product_viewed", Map.of("sku", JSON.textNode("TEA-1")), Duration.ofDays(7), atLeast);
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < matching; i++) {
            events.add(event("product_viewed", NOW.minus(Duration.ofHours(i)), "TEA-1"));
        }
        for (int i = 0; i < others; i++) {
            events.add(event(i % 2 == 0 ? "purchased" : "product_viewed", NOW.minus(Duration.ofHours(i)), i % 2 == 0 ? "TEA-1" : "TEA-2"));
            events.add(event("product_viewed", NOW.minus(Duration.ofDays(8)), "TEA-1"));
        }
        assertThat(matches(rule, contact(), events)).isEqualTo(matching >= atLeast);
    }

    @Property
    void eventsAreReadOnlyWhenTheAnswerDependsOnThem(@ForAll("rules") Rule rule, @ForAll("contacts") Contact contact) {
        AtomicInteger reads = new AtomicInteger();
        RuleEvaluator.matches(rule, contact, () -> {
            reads.incrementAndGet();
            return List.of();
        }, NOW);
        assertThat(reads.get()).isLessThanOrEqualTo(rule.needsEvents() ? 1 : 0);
    }

    @Example
    void aContactFailingTheCheapConditionsCostsNoEventRead() {
        Rule rule = parse("{\"all\":[{\"event\":\"purchased\"},{\"consent\":\"email\"}]}");
        AtomicInteger reads = new AtomicInteger();
        RuleEvaluator.matches(rule, contact(), () -> {
            reads.incrementAndGet();
            return List.of();
        }, NOW);
        assertThat(reads.get()).isZero();
    }

    @Example
    void viewedButDidNotPurchase() {
        Rule rule = parse("""
                {"all":[{"event":"product_viewed","where":{"sku":"X"},"within":"P7D","atLeast":1},
                        {"not":{"event":"purchased","within":"P7D"}}]}""");
        ContactEvent viewed = event("product_viewed", NOW.minus(Duration.ofDays(2)), "X");
        assertThat(matches(rule, contact(), List.of(viewed))).isTrue();
        assertThat(matches(rule, contact(), List.of(viewed, event("purchased", NOW.minus(Duration.ofDays(1)), null)))).isFalse();
        assertThat(matches(rule, contact(), List.of(viewed, event("purchased", NOW.minus(Duration.ofDays(8)), null)))).isTrue();
        assertThat(matches(rule, contact(), List.of(event("product_viewed", NOW.minus(Duration.ofDays(2)), "Y")))).isFalse();
    }

    @Example
    void attributeOperators() {
        Contact gold = contact("{\"tier\":\"gold\",\"age\":30,\"score\":1.0,\"tags\":[\"vip\",\"tea\"],\"address\":{\"city\":\"Lyon\"},"
                + "\"signedUpAt\":\"" + NOW.minus(Duration.ofDays(3)) + "\",\"birthday\":\"1990-05-01\",\"gone\":null}");
        assertThat(matches(attr("tier", "eq", "\"gold\""), gold)).isTrue();
        assertThat(matches(attr("tier", "eq", "\"Gold\""), gold)).isFalse();
        assertThat(matches(attr("score", "eq", "1"), gold)).as("1 equals 1.0").isTrue();
        assertThat(matches(attr("age", "eq", "\"30\""), gold)).as("a string is not a number").isFalse();
        assertThat(matches(attr("tags", "eq", "\"vip\""), gold)).as("an array matches by element").isTrue();
        assertThat(matches(attr("address.city", "in", "[\"Paris\",\"Lyon\"]"), gold)).isTrue();
        assertThat(matches(attr("tier", "neq", "\"silver\""), gold)).isTrue();
        assertThat(matches(attr("missing", "neq", "\"silver\""), gold)).as("neq includes contacts without it").isTrue();
        assertThat(matches(attr("gone", "exists", null), gold)).as("null is absent").isFalse();
        assertThat(matches(attr("tier", "exists", null), gold)).isTrue();
        assertThat(matches(attr("age", "gte", "30"), gold)).isTrue();
        assertThat(matches(attr("age", "gt", "30"), gold)).isFalse();
        assertThat(matches(attr("age", "lt", "30.5"), gold)).isTrue();
        assertThat(matches(attr("tier", "lte", "100"), gold)).as("a string is never less than a number").isFalse();
        assertThat(matches(attr("missing", "lte", "100"), gold)).isFalse();
        assertThat(matches(attr("birthday", "before", "\"1990-05-02\""), gold)).isTrue();
        assertThat(matches(attr("birthday", "before", "\"1990-05-01\""), gold)).isFalse();
        assertThat(matches(attr("birthday", "after", "\"1990-04-30T23:00:00-02:00\""), gold)).as("1990-05-01T01:00Z is after midnight UTC").isFalse();
        assertThat(matches(attr("signedUpAt", "within", "\"P7D\""), gold)).isTrue();
        assertThat(matches(attr("signedUpAt", "within", "\"P2D\""), gold)).isFalse();
        assertThat(matches(attr("tier", "within", "\"P2D\""), gold)).as("not a date").isFalse();
    }

    @Example
    void localeTimezoneAndConsent() {
        Contact contact = new Contact("c", "c@example.com", JSON.objectNode(), "Asia/Shanghai", "zh-CN",
                Map.of("email", new Consent(Consent.Status.granted, NOW, null), "sms", new Consent(Consent.Status.denied, NOW, null)), NOW, NOW);
        assertThat(matches(parse("{\"locale\":\"zh\"}"), contact)).isTrue();
        assertThat(matches(parse("{\"locale\":[\"en\",\"zh-CN\"]}"), contact)).isTrue();
        assertThat(matches(parse("{\"locale\":\"zh-TW\"}"), contact)).isFalse();
        assertThat(RuleEvaluator.languageMatch("zh", "zha")).as("a language, not a prefix of letters").isFalse();
        assertThat(RuleEvaluator.languageMatch("en-GB", "en-US")).isFalse();
        assertThat(matches(parse("{\"timezone\":[\"Europe/Paris\",\"Asia/Shanghai\"]}"), contact)).isTrue();
        assertThat(matches(parse("{\"timezone\":\"Asia/Tokyo\"}"), contact)).isFalse();
        assertThat(matches(parse("{\"consent\":\"email\"}"), contact)).isTrue();
        assertThat(matches(parse("{\"consent\":\"sms\"}"), contact)).isFalse();
        assertThat(matches(parse("{\"consent\":\"push\"}"), contact)).isFalse();
        assertThat(matches(parse("{\"locale\":\"zh\"}"), contact())).as("no locale").isFalse();
    }

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    @Provide
    Arbitrary<Contact> contacts() {
        return RuleArbitraries.contacts();
    }

    @Provide
    Arbitrary<List<ContactEvent>> events() {
        return RuleArbitraries.events();
    }

    private static boolean matches(Rule rule, Contact contact, List<ContactEvent> events) {
        return RuleEvaluator.matches(rule, contact, () -> events, NOW);
    }

    private static boolean matches(Rule rule, Contact contact) {
        return matches(rule, contact, List.of());
    }

    private Rule attr(String attribute, String op, String value) {
        return parse("{\"attribute\":\"" + attribute + "\",\"op\":\"" + op + "\"" + (value == null ? "" : ",\"value\":" + value) + "}");
    }

    private Rule parse(String json) {
        try {
            return parser.parse(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Contact contact() {
        return new Contact("c", "c@example.com", JSON.objectNode(), null, null, Map.of(), NOW, NOW);
    }

    private static Contact contact(String attributes) {
        try {
            return new Contact("c", "c@example.com", (ObjectNode) MAPPER.readTree(attributes), null, null, Map.of(), NOW, NOW);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(attributes, e);
        }
    }

    private static ContactEvent event(String type, Instant time, String sku) {
        ObjectNode properties = JSON.objectNode();
        if (sku != null) {
            properties.put("sku", sku);
        }
        return new ContactEvent(java.util.UUID.randomUUID().toString(), "c", type, time, properties, time);
    }
}
