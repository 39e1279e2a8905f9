package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Consent;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Generators shared by the parser and evaluator properties: valid rules, contacts and events around one instant. */
final class RuleArbitraries {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Duration RETENTION = Duration.ofDays(400);
    /** The instant every evaluation happens at: a fixed clock, events are placed relative to it. */
    static final Instant NOW = java.time.Clock.fixed(Instant.parse("2030-06-15T12:00:00Z"), java.time.ZoneOffset.UTC).instant();

    static final List<String> ATTRIBUTES = List.of("tier", "age", "signedUpAt", "address.city", "tags");
    static final List<String> EVENT_TYPES = List.of("product_viewed", "purchased", "opened_app");
    static final List<String> LOCALES = List.of("zh", "zh-CN", "zh-TW", "en", "en-GB", "en-US", "pt-BR");
    static final List<String> ZONES = List.of("Asia/Shanghai", "Europe/Paris", "America/New_York", "UTC");
    static final List<String> CHANNELS = List.of("email", "sms", "push");

    private RuleArbitraries() {
    }

    static Arbitrary<Rule> rules() {
        return rule(3);
    }

    static Arbitrary<Rule> rule(int depth) {
        Arbitrary<Rule> leaf = Arbitraries.oneOf(attributeRules(), consentRules(), localeRules(), timezoneRules(), eventRules());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Rule> child = Arbitraries.lazy(() -> rule(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, child.list().ofMinSize(1).ofMaxSize(3).map(Rule.All::new)),
                net.jqwik.api.Tuple.of(1, child.list().ofMinSize(1).ofMaxSize(3).map(Rule.Any::new)),
                net.jqwik.api.Tuple.of(1, child.map(Rule.Not::new)));
    }

    static Arbitrary<Rule> attributeRules() {
        Arbitrary<String> names = Arbitraries.of(ATTRIBUTES);
        Arbitrary<JsonNode> scalars = scalars();
        Arbitrary<Rule> equality = Combinators.combine(names, Arbitraries.of(Operator.eq, Operator.neq), scalars)
                .as(Rule.Attribute::new);
        Arbitrary<Rule> in = Combinators.combine(names, scalars.list().ofMinSize(1).ofMaxSize(4))
                .as((name, values) -> new Rule.Attribute(name, Operator.in, JSON.arrayNode().addAll(values)));
        Arbitrary<Rule> exists = names.map(name -> new Rule.Attribute(name, Operator.exists, null));
        Arbitrary<Rule> ordered = Combinators.combine(names, Arbitraries.of(Operator.gt, Operator.gte, Operator.lt, Operator.lte),
                Arbitraries.integers().between(-5, 120)).as((name, op, number) -> new Rule.Attribute(name, op, JSON.numberNode(number)));
        Arbitrary<Rule> dated = Combinators.combine(names, Arbitraries.of(Operator.before, Operator.after), dates())
                .as((name, op, date) -> new Rule.Attribute(name, op, JSON.textNode(date)));
        Arbitrary<Rule> recent = Combinators.combine(names, Arbitraries.of("P1D", "P30D", "PT12H", "P400D"))
                .as((name, window) -> new Rule.Attribute(name, Operator.within, JSON.textNode(window)));
        return Arbitraries.oneOf(equality, in, exists, ordered, dated, recent);
    }

    static Arbitrary<Rule> consentRules() {
        return Arbitraries.of(CHANNELS).map(Rule.Consent::new);
    }

    static Arbitrary<Rule> localeRules() {
        return Arbitraries.of(LOCALES).list().uniqueElements().ofMinSize(1).ofMaxSize(3).map(Rule.Locale::new);
    }

    static Arbitrary<Rule> timezoneRules() {
        return Arbitraries.of(ZONES).list().uniqueElements().ofMinSize(1).ofMaxSize(2).map(Rule.Timezone::new);
    }

    static Arbitrary<Rule> eventRules() {
        Arbitrary<Map<String, JsonNode>> where = Arbitraries.maps(Arbitraries.of("sku", "page", "amount"), Arbitraries.<JsonNode>of(
                JSON.textNode("TEA-1"), JSON.textNode("TEA-2"), JSON.numberNode(5))).ofMaxSize(2);
        Arbitrary<Duration> within = Arbitraries.oneOf(Arbitraries.integers().between(1, 400).map(Duration::ofDays),
                Arbitraries.integers().between(1, 72).map(Duration::ofHours));
        return Combinators.combine(Arbitraries.of(EVENT_TYPES), where, within, Arbitraries.integers().between(1, 3))
                .as(Rule.Event::new);
    }

    static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of("gold", "silver", "Paris", "vip").map(JSON::textNode),
                Arbitraries.integers().between(-5, 120).map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode));
    }

    static Arbitrary<String> dates() {
        return Arbitraries.integers().between(-500, 500).map(days -> NOW.plus(Duration.ofDays(days)))
                .flatMap(time -> Arbitraries.of(time.toString(), time.toString().substring(0, 10)));
    }

    /** Contacts whose attributes, locale, zone and consent overlap the generated rules' vocabulary. */
    static Arbitrary<Contact> contacts() {
        Arbitrary<JsonNode> values = Arbitraries.oneOf(scalars(), dates().map(JSON::textNode),
                scalars().list().ofMaxSize(3).map(list -> JSON.arrayNode().addAll(list)));
        Arbitrary<ObjectNode> attributes = Arbitraries.maps(Arbitraries.of("tier", "age", "signedUpAt", "tags", "address"), values)
                .ofMaxSize(4).map(map -> {
                    ObjectNode node = JSON.objectNode();
                    map.forEach((key, value) -> node.set(key, key.equals("address") ? JSON.objectNode().set("city", value) : value));
                    return node;
                });
        Arbitrary<Map<String, Consent>> consent = Arbitraries.maps(Arbitraries.of(CHANNELS),
                Arbitraries.of(Consent.Status.class).map(status -> new Consent(status, NOW, null))).ofMaxSize(3);
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(6), attributes,
                        Arbitraries.of(ZONES).injectNull(0.2), Arbitraries.of(LOCALES).injectNull(0.2), consent)
                .as((id, attrs, zone, locale, given) -> new Contact(id, id + "@example.com", attrs, zone, locale, given, NOW, NOW));
    }

    /** Events from the retention's start to a day after now (clients may be ahead by up to 24 hours). */
    static Arbitrary<List<ContactEvent>> events() {
        Arbitrary<ObjectNode> properties = Arbitraries.maps(Arbitraries.of("sku", "page", "amount"), Arbitraries.of(
                JSON.textNode("TEA-1"), JSON.textNode("TEA-2"), JSON.numberNode(5))).ofMaxSize(2).map(map -> {
                    ObjectNode node = JSON.objectNode();
                    map.forEach(node::set);
                    return node;
                });
        Arbitrary<Instant> times = Arbitraries.longs().between(-RETENTION.toHours(), 24).map(hours -> NOW.plus(Duration.ofHours(hours)));
        return Combinators.combine(Arbitraries.of(EVENT_TYPES), times, properties)
                .as((type, time, props) -> new ContactEvent(java.util.UUID.randomUUID().toString(), "c", type, time, props, time))
                .list().ofMaxSize(6);
    }
}
