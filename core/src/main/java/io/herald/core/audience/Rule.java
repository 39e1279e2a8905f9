package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed segment rule: a tree of {@code all}/{@code any}/{@code not} over leaf conditions on one contact.
 * {@link RuleParser} builds it from JSON and checks it; {@link #toJson()} writes its canonical JSON, which parses
 * back to an equal rule. Rules are values (records), so two rules are equal when their trees are.
 */
public sealed interface Rule {

    /** The canonical JSON of this rule. */
    JsonNode toJson();

    /** Whether evaluating this rule reads the contact's events. */
    default boolean needsEvents() {
        return false;
    }

    /** The longest event window in this rule, or {@link Duration#ZERO} if it has no event condition. */
    default Duration widestWindow() {
        return Duration.ZERO;
    }

    /** A combination of child rules: it reads events if any child does, as far back as the widest child. */
    sealed interface Group extends Rule {
        List<Rule> rules();

        @Override
        default boolean needsEvents() {
            return rules().stream().anyMatch(Rule::needsEvents);
        }

        @Override
        default Duration widestWindow() {
            return widest(rules());
        }
    }

    /** Matches when every child matches. */
    record All(List<Rule> rules) implements Group {
        public All {
            rules = List.copyOf(rules);
        }

        @Override
        public JsonNode toJson() {
            return node().set("all", children(rules));
        }
    }

    /** Matches when at least one child matches. */
    record Any(List<Rule> rules) implements Group {
        public Any {
            rules = List.copyOf(rules);
        }

        @Override
        public JsonNode toJson() {
            return node().set("any", children(rules));
        }
    }

    /** Matches when its child does not. */
    record Not(Rule rule) implements Rule {
        @Override
        public JsonNode toJson() {
            return node().set("not", rule.toJson());
        }

        @Override
        public boolean needsEvents() {
            return rule.needsEvents();
        }

        @Override
        public Duration widestWindow() {
            return rule.widestWindow();
        }
    }

    /**
     * A condition on one contact attribute.
     *
     * @param attribute the attribute's name; dots reach into nested objects ({@code address.city})
     * @param value the operand as written (null for {@code exists}); {@link Operator} says which JSON types it takes
     */
    record Attribute(String attribute, Operator op, JsonNode value) implements Rule {
        @Override
        public JsonNode toJson() {
            ObjectNode json = node().put("attribute", attribute).put("op", op.name());
            if (value != null) {
                json.set("value", value);
            }
            return json;
        }
    }

    /** Matches contacts whose consent on the channel is {@code granted}. */
    record Consent(String channel) implements Rule {
        @Override
        public JsonNode toJson() {
            return node().put("consent", channel);
        }
    }

    /** Matches contacts whose locale is one of the tags or a more specific form of one ({@code zh} matches {@code zh-CN}). */
    record Locale(List<String> tags) implements Rule {
        public Locale {
            tags = List.copyOf(tags);
        }

        @Override
        public JsonNode toJson() {
            return node().set("locale", oneOrMany(tags));
        }
    }

    /** Matches contacts whose IANA time zone is one of these. */
    record Timezone(List<String> zones) implements Rule {
        public Timezone {
            zones = List.copyOf(zones);
        }

        @Override
        public JsonNode toJson() {
            return node().set("timezone", oneOrMany(zones));
        }
    }

    /**
     * Matches contacts with at least {@code atLeast} events of the type, whose properties equal {@code where}, at or
     * after {@code now - within}.
     */
    record Event(String event, Map<String, JsonNode> where, Duration within, int atLeast) implements Rule {
        public Event {
            where = Map.copyOf(where);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode json = node().put("event", event);
            if (!where.isEmpty()) {
                ObjectNode properties = json.putObject("where");
                where.keySet().stream().sorted().forEach(name -> properties.set(name, where.get(name)));
            }
            return json.put("within", RuleParser.format(within)).put("atLeast", atLeast);
        }

        @Override
        public boolean needsEvents() {
            return true;
        }

        @Override
        public Duration widestWindow() {
            return within;
        }
    }

    private static ObjectNode node() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ArrayNode children(List<Rule> rules) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        rules.forEach(rule -> array.add(rule.toJson()));
        return array;
    }

    private static JsonNode oneOrMany(List<String> values) {
        if (values.size() == 1) {
            return JsonNodeFactory.instance.textNode(values.get(0));
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static Duration widest(List<Rule> rules) {
        return rules.stream().map(Rule::widestWindow).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
