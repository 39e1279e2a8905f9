package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Consent;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides whether one contact matches a rule at one instant. Pure: the same contact, events and instant always
 * give the same answer. Conditions that need no events are decided first, so a contact that fails them never
 * costs an event read.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * @param events the contact's events at or after {@code now - rule.widestWindow()} (any order); asked for at
     *               most once, and only if the answer depends on them
     */
    public static boolean matches(Rule rule, Contact contact, Supplier<List<ContactEvent>> events, Instant now) {
        return new Evaluation(contact, events, now).test(rule);
    }

    private static final class Evaluation {
        private final Contact contact;
        private final Supplier<List<ContactEvent>> source;
        private final Instant now;
        private List<ContactEvent> events;

        Evaluation(Contact contact, Supplier<List<ContactEvent>> source, Instant now) {
            this.contact = contact;
            this.source = source;
            this.now = now;
        }

        boolean test(Rule rule) {
            if (rule instanceof Rule.All all) {
                return every(all.rules(), false) && every(all.rules(), true);
            }
            if (rule instanceof Rule.Any any) {
                return some(any.rules(), false) || some(any.rules(), true);
            }
            if (rule instanceof Rule.Not not) {
                return !test(not.rule());
            }
            if (rule instanceof Rule.Attribute attribute) {
                return attribute(attribute);
            }
            if (rule instanceof Rule.Consent consent) {
                Map<String, Consent> given = contact.consent();
                Consent channel = given == null ? null : given.get(consent.channel());
                return channel != null && channel.status() == Consent.Status.granted;
            }
            if (rule instanceof Rule.Locale locale) {
                return contact.locale() != null && locale.tags().stream().anyMatch(tag -> languageMatch(tag, contact.locale()));
            }
            if (rule instanceof Rule.Timezone timezone) {
                return contact.timezone() != null && timezone.zones().contains(contact.timezone());
            }
            return event((Rule.Event) rule);
        }

        /** Every child whose need for events is {@code withEvents} matches. */
        private boolean every(List<Rule> rules, boolean withEvents) {
            for (Rule rule : rules) {
                if (rule.needsEvents() == withEvents && !test(rule)) {
                    return false;
                }
            }
            return true;
        }

        private boolean some(List<Rule> rules, boolean withEvents) {
            for (Rule rule : rules) {
                if (rule.needsEvents() == withEvents && test(rule)) {
                    return true;
                }
            }
            return false;
        }

        private boolean attribute(Rule.Attribute rule) {
            JsonNode actual = lookup(contact.attributes(), rule.attribute());
            return switch (rule.op()) {
                case exists -> actual != null;
                case eq -> equal(actual, rule.value());
                case neq -> !equal(actual, rule.value());
                case in -> {
                    for (JsonNode candidate : rule.value()) {
                        if (equal(actual, candidate)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case gt -> ordered(actual, rule.value(), order -> order > 0);
                case gte -> ordered(actual, rule.value(), order -> order >= 0);
                case lt -> ordered(actual, rule.value(), order -> order < 0);
                case lte -> ordered(actual, rule.value(), order -> order <= 0);
                case before -> {
                    Instant time = time(actual);
                    yield time != null && time.isBefore(RuleParser.instant(rule.value().asText()));
                }
                case after -> {
                    Instant time = time(actual);
                    yield time != null && time.isAfter(RuleParser.instant(rule.value().asText()));
                }
                case within -> {
                    Instant time = time(actual);
                    Instant from = now.minus(java.time.Duration.parse(rule.value().asText()));
                    yield time != null && !time.isBefore(from) && !time.isAfter(now);
                }
            };
        }

        private boolean event(Rule.Event rule) {
            if (events == null) {
                events = source.get();
            }
            Instant from = now.minus(rule.within());
            int count = 0;
            for (ContactEvent event : events) {
                if (rule.event().equals(event.type()) && event.time() != null && !event.time().isBefore(from)
                        && properties(event.properties(), rule.where()) && ++count >= rule.atLeast()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean properties(ObjectNode properties, Map<String, JsonNode> where) {
            for (Map.Entry<String, JsonNode> wanted : where.entrySet()) {
                if (!equal(lookup(properties, wanted.getKey()), wanted.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The value at a dotted path, or null when it is absent or JSON null. */
    static JsonNode lookup(ObjectNode root, String path) {
        JsonNode node = root;
        int start = 0;
        while (node != null) {
            int dot = path.indexOf('.', start);
            String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
            node = node.isObject() ? node.get(part) : null;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node == null || node.isNull() ? null : node;
    }

    /** Scalars of the same JSON type with the same value (1 equals 1.0); an array when one element is equal. */
    static boolean equal(JsonNode actual, JsonNode expected) {
        if (actual == null) {
            return false;
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (equal(element, expected)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        if (actual.isTextual() && expected.isTextual() || actual.isBoolean() && expected.isBoolean()) {
            return actual.asText().equals(expected.asText());
        }
        return false;
    }

    /** A number attribute whose order against the operand is accepted; anything else never matches. */
    private static boolean ordered(JsonNode actual, JsonNode expected, java.util.function.IntPredicate accept) {
        return actual != null && actual.isNumber() && accept.test(actual.decimalValue().compareTo(expected.decimalValue()));
    }

    private static Instant time(JsonNode actual) {
        return actual != null && actual.isTextual() ? RuleParser.instant(actual.asText()) : null;
    }

    /** RFC 4647 basic filtering: the tag itself or a more specific tag under it, ignoring case. */
    static boolean languageMatch(String range, String tag) {
        return tag.equalsIgnoreCase(range)
                || tag.length() > range.length() && tag.charAt(range.length()) == '-' && tag.regionMatches(true, 0, range, 0, range.length());
    }
}
