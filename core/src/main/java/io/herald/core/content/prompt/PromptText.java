package io.herald.core.content.prompt;

import io.herald.core.errors.HeraldException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a prompt may use, filled in by Herald before the model sees the text. Plain
 * {@code {{name}}} substitution rather than a template engine on purpose: a tenant's prompt text is data,
 * and must not be able to call methods or loop over Herald's objects.
 */
public final class PromptText {

    public static final Set<String> PLACEHOLDERS = Set.of("goal", "product", "ctaUrl", "tone", "language", "brand",
            "channel", "network", "variants");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    private PromptText() {
    }

    /** Rejects a placeholder Herald does not know, naming the part it is in. */
    public static void requireKnownPlaceholders(String part, String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                unknown.add("{{" + matcher.group(1) + "}}");
            }
        }
        if (!unknown.isEmpty()) {
            throw HeraldException.invalid(part + ": unknown placeholder(s) " + unknown + "; use " + new TreeSet<>(PLACEHOLDERS)
                    .stream().map(p -> "{{" + p + "}}").toList());
        }
    }

    /** Fills every placeholder; a value left out renders as an empty string. */
    public static String render(String text, Map<String, String> values) {
        if (text == null) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** sha-256 over the parts that shape the model's answer, each length-prefixed so no two prompts collide. */
    public static String hash(String system, String user, String brandVoice, List<String> profileFields) {
        StringBuilder canonical = new StringBuilder();
        for (String part : List.of(nz(system), nz(user), nz(brandVoice), String.join(",", new TreeSet<>(profileFields)))) {
            canonical.append(part.length()).append(':').append(part).append('\n');
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
