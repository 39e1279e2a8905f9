package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.contact.ProfileRules;
import io.herald.core.errors.HeraldException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a segment rule from JSON and refuses anything it cannot evaluate exactly, naming the path of the
 * offending node ({@code rule.all[1].any[0].op: unknown operator ...}). The limits keep one evaluation cheap:
 * it runs once per contact of a tenant.
 */
public final class RuleParser {

    /** Nesting levels of {@code all}/{@code any}/{@code not}, counting the root as 1. */
    public static final int MAX_DEPTH = 8;
    /** Rule nodes (branches and leaves) in one segment. */
    public static final int MAX_NODES = 100;
    /** Values in one {@code in}, {@code locale} or {@code timezone} list. */
    public static final int MAX_VALUES = 100;
    /** Properties in one event {@code where}. */
    public static final int MAX_WHERE = 10;
    /** Characters in one string operand. */
    public static final int MAX_STRING = 1_000;
    /** Longest window of an attribute {@code within}. */
    public static final Duration MAX_ATTRIBUTE_WINDOW = Duration.ofDays(36_500);
    /** Largest {@code atLeast} of an event condition. */
    public static final int MAX_AT_LEAST = 1_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,4}");
    private static final String NAME_RULE = "letters, digits, '_' or '-', with '.' to reach into a nested object (at most 5 levels)";

    /** Each kind of node, by its key, with the fields it may have. */
    private static final Map<String, Set<String>> KINDS = kinds();

    private final Duration eventRetention;

    /** @param eventRetention how long events are kept: no event window may be longer */
    public RuleParser(Duration eventRetention) {
        this.eventRetention = eventRetention;
    }

    /** The rule, or a {@link HeraldException#invalid} naming the first offending path under {@code rule}. */
    public Rule parse(JsonNode json) {
        return new Reader().node(json, "rule", 1);
    }

    /** Durations as a marketer writes them: whole days as {@code P7D}, anything finer in ISO-8601 time form. */
    public static String format(Duration duration) {
        long days = duration.toDays();
        return duration.equals(Duration.ofDays(days)) ? "P" + days + "D" : duration.toString();
    }

    /**
     * An ISO date ({@code 2026-01-31}, its start in UTC), date-time with offset, or date-time without one (read as
     * UTC); null for anything else.
     */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notWithOffset) {
            // try the shorter forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException notADate) {
            // try a local date-time
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notADateTime) {
            return null;
        }
    }

    /** One pass over one tree: counts nodes as it goes. */
    private final class Reader {

        private int nodes;

        Rule node(JsonNode json, String path, int depth) {
            if (json == null || json.isMissingNode() || json.isNull()) {
                throw invalid(path, "required: a rule object such as {\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}");
            }
            if (!json.isObject()) {
                throw invalid(path, "must be a rule object, not " + describe(json));
            }
            if (depth > MAX_DEPTH) {
                throw invalid(path, "rules nest at most " + MAX_DEPTH + " levels deep");
            }
            if (++nodes > MAX_NODES) {
                throw invalid(path, "a segment rule has at most " + MAX_NODES + " nodes");
            }
            String kind = kindOf(json, path);
            Set<String> allowed = KINDS.get(kind);
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw invalid(path + "." + name, "unknown field (a '" + kind + "' rule has " + String.join(", ", allowed) + ")");
                }
            }
            return switch (kind) {
                case "all" -> new Rule.All(children(json.get("all"), path + ".all", depth));
                case "any" -> new Rule.Any(children(json.get("any"), path + ".any", depth));
                case "not" -> new Rule.Not(node(json.get("not"), path + ".not", depth + 1));
                case "attribute" -> attribute(json, path);
                case "consent" -> new Rule.Consent(profileRule(path + ".consent", text(json.get("consent"), path + ".consent"), channel -> {
                    ProfileRules.consentChannel(channel);
                    return channel;
                }));
                case "locale" -> new Rule.Locale(strings(json.get("locale"), path + ".locale", ProfileRules::locale));
                case "timezone" -> new Rule.Timezone(strings(json.get("timezone"), path + ".timezone", ProfileRules::timezone));
                default -> event(json, path);
            };
        }

        private String kindOf(JsonNode json, String path) {
            List<String> present = new ArrayList<>();
            KINDS.keySet().stream().filter(json::has).forEach(present::add);
            if (present.isEmpty()) {
                throw invalid(path, "a rule has one of the keys " + String.join(", ", KINDS.keySet()));
            }
            if (present.size() > 1) {
                throw invalid(path, "has both '" + present.get(0) + "' and '" + present.get(1)
                        + "'; combine conditions with {\"all\": [...]} or {\"any\": [...]}");
            }
            return present.get(0);
        }

        private List<Rule> children(JsonNode array, String path, int depth) {
            if (array == null || !array.isArray() || array.isEmpty()) {
                throw invalid(path, "must be a non-empty array of rules");
            }
            List<Rule> rules = new ArrayList<>();
            for (int index = 0; index < array.size(); index++) {
                rules.add(node(array.get(index), path + "[" + index + "]", depth + 1));
            }
            return rules;
        }

        private Rule attribute(JsonNode json, String path) {
            String attribute = text(json.get("attribute"), path + ".attribute");
            if (!NAME.matcher(attribute).matches()) {
                throw invalid(path + ".attribute", "'" + attribute + "' is not an attribute name: " + NAME_RULE);
            }
            String opName = text(json.get("op"), path + ".op");
            Operator op;
            try {
                op = Operator.valueOf(opName);
            } catch (IllegalArgumentException unknown) {
                throw invalid(path + ".op", "unknown operator '" + opName + "' (expected one of " + Operator.names() + ")");
            }
            JsonNode value = json.get("value");
            String valuePath = path + ".value";
            if (op == Operator.exists) {
                if (value != null) {
                    throw invalid(valuePath, "exists takes no value (use {\"not\": ...} for contacts without the attribute)");
                }
                return new Rule.Attribute(attribute, op, null);
            }
            if (value == null || value.isNull()) {
                throw invalid(valuePath, "required: " + op + " takes " + op.operand());
            }
            switch (op) {
                case eq, neq -> scalar(value, valuePath, op);
                case in -> {
                    if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
                        throw invalid(valuePath, "in takes an array of 1 to " + MAX_VALUES + " strings, numbers or booleans");
                    }
                    for (int index = 0; index < value.size(); index++) {
                        scalar(value.get(index), valuePath + "[" + index + "]", op);
                    }
                }
                case gt, gte, lt, lte -> {
                    if (!value.isNumber()) {
                        throw invalid(valuePath, op + " takes a number, not " + describe(value));
                    }
                }
                case before, after -> {
                    if (!value.isTextual() || instant(value.asText()) == null) {
                        throw invalid(valuePath, op + " takes " + op.operand() + ", not " + describe(value));
                    }
                }
                default -> duration(value, valuePath, MAX_ATTRIBUTE_WINDOW, "100 years: the limit of a relative date");
            }
            return new Rule.Attribute(attribute, op, value);
        }

        private void scalar(JsonNode value, String path, Operator op) {
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw invalid(path, op + " takes " + op.operand() + ", not " + describe(value));
            }
            if (value.isTextual() && value.asText().length() > MAX_STRING) {
                throw invalid(path, "at most " + MAX_STRING + " characters");
            }
        }

        private Rule event(JsonNode json, String path) {
            String type = profileRule(path + ".event", text(json.get("event"), path + ".event"), ProfileRules::eventType);
            Map<String, JsonNode> where = new LinkedHashMap<>();
            JsonNode properties = json.get("where");
            if (properties != null) {
                if (!properties.isObject() || properties.size() > MAX_WHERE) {
                    throw invalid(path + ".where", "must be an object of at most " + MAX_WHERE + " event properties and their values");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String fieldPath = path + ".where." + field.getKey();
                    if (!NAME.matcher(field.getKey()).matches()) {
                        throw invalid(fieldPath, "'" + field.getKey() + "' is not a property name: " + NAME_RULE);
                    }
                    scalar(field.getValue(), fieldPath, Operator.eq);
                    where.put(field.getKey(), field.getValue());
                }
            }
            Duration within = json.has("within") ? duration(json.get("within"), path + ".within", eventRetention,
                    "the event retention (" + format(eventRetention) + "): older events are deleted, so the rule could never see them")
                    : eventRetention;
            int atLeast = 1;
            JsonNode count = json.get("atLeast");
            if (count != null) {
                if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1 || count.intValue() > MAX_AT_LEAST) {
                    throw invalid(path + ".atLeast", "must be a whole number from 1 to " + MAX_AT_LEAST + ", not " + describe(count));
                }
                atLeast = count.intValue();
            }
            return new Rule.Event(type, where, within, atLeast);
        }

        /** A positive ISO-8601 duration, no longer than {@code longest}, which {@code limit} describes. */
        private Duration duration(JsonNode value, String path, Duration longest, String limit) {
            if (value == null || !value.isTextual()) {
                throw invalid(path, "must be an ISO-8601 duration such as P30D or PT12H, not " + describe(value));
            }
            Duration duration;
            try {
                duration = Duration.parse(value.asText());
            } catch (DateTimeException | ArithmeticException e) {
                throw invalid(path, "'" + value.asText() + "' is not an ISO-8601 duration such as P30D or PT12H");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw invalid(path, "'" + value.asText() + "' must be longer than zero");
            }
            if (duration.compareTo(longest) > 0) {
                throw invalid(path, "'" + value.asText() + "' is longer than " + limit);
            }
            return duration;
        }

        private List<String> strings(JsonNode value, String path, UnaryOperator<String> check) {
            if (value != null && value.isTextual()) {
                return List.of(profileRule(path, value.asText(), check));
            }
            if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
                throw invalid(path, "must be a string or an array of 1 to " + MAX_VALUES + " strings, not " + describe(value));
            }
            List<String> values = new ArrayList<>();
            for (int index = 0; index < value.size(); index++) {
                String itemPath = path + "[" + index + "]";
                values.add(profileRule(itemPath, text(value.get(index), itemPath), check));
            }
            return values;
        }

        private String text(JsonNode value, String path) {
            if (value == null || !value.isTextual()) {
                throw invalid(path, "must be a string, not " + describe(value));
            }
            if (value.asText().length() > MAX_STRING) {
                throw invalid(path, "at most " + MAX_STRING + " characters");
            }
            return value.asText();
        }
    }

    /** Applies a contact-field rule, restating its message (which names the contact field) at the rule's path. */
    private static String profileRule(String path, String value, UnaryOperator<String> check) {
        try {
            String checked = check.apply(value);
            if (checked == null) {
                throw invalid(path, "must not be empty");
            }
            return checked;
        } catch (HeraldException e) {
            if (e.detail().startsWith(path)) {
                throw e;
            }
            int colon = e.detail().indexOf(": ");
            throw invalid(path, colon < 0 ? e.detail() : e.detail().substring(colon + 2));
        }
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string '" + abbreviate(value.asText()) + "'";
            case NUMBER -> "the number " + value;
            case BOOLEAN -> value.toString();
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static HeraldException invalid(String path, String message) {
        return HeraldException.invalid(path + ": " + message);
    }

    private static Map<String, Set<String>> kinds() {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        kinds.put("all", Set.of("all"));
        kinds.put("any", Set.of("any"));
        kinds.put("not", Set.of("not"));
        kinds.put("attribute", orderedSet("attribute", "op", "value"));
        kinds.put("consent", Set.of("consent"));
        kinds.put("locale", Set.of("locale"));
        kinds.put("timezone", Set.of("timezone"));
        kinds.put("event", orderedSet("event", "where", "within", "atLeast"));
        return java.util.Collections.unmodifiableMap(kinds);
    }

    private static Set<String> orderedSet(String... names) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
    }
}
