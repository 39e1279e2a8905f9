package io.herald.core.content.guardrails;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merge fields left unrendered: the usual syntaxes of template engines and email tools, which a model copies
 * from its training data and which would reach a recipient as literal text.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile(String.join("|",
            "\\{\\{[^{}\\n]{0,80}\\}\\}",                    // {{first_name}} (Handlebars, Jinja, Liquid)
            "\\$\\{[^{}\\n]{0,80}\\}",                        // ${name}
            "\\{%[^\\n]{0,80}?%\\}",                          // {% if %}
            "%%[A-Za-z0-9_ .-]{1,60}%%",                      // %%first_name%%
            "\\*\\|[A-Za-z0-9_:-]{1,60}\\|\\*",               // *|FNAME|* (Mailchimp)
            "\\{[A-Za-z_][A-Za-z0-9_.-]{0,60}\\}",            // {name}
            "\\[\\[[^\\[\\]\\n]{1,60}\\]\\]",                 // [[name]]
            "(?i)\\[(?:first|last|full|company|customer|user|contact)?[ _-]?(?:name|email|city|company|product|link|url)\\]"));

    /**
     * A merge field as campaign content declares it: {@code {{firstName}}}, spaces inside the braces allowed. Rendered
     * per recipient at send time, so in campaign content the declared ones are not left-over placeholders.
     */
    public static final Pattern MERGE_FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,40})\\s*}}");

    private Placeholders() {
    }

    public static Set<String> find(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** The placeholders in the text except the merge fields named in {@code accepted}. */
    public static Set<String> find(String text, Set<String> accepted) {
        Set<String> found = find(text);
        found.removeIf(placeholder -> isMergeField(placeholder, accepted));
        return found;
    }

    private static boolean isMergeField(String placeholder, Set<String> accepted) {
        Matcher field = MERGE_FIELD.matcher(placeholder);
        return field.matches() && accepted.contains(field.group(1));
    }
}
