package io.herald.core.content;

import java.util.List;

/**
 * One variant as a composer produced it, before any check: the fields of its channel, the others null.
 * Email text is absent on purpose: the checks derive it from the sanitized HTML.
 */
public record VariantDraft(String subject, String preheader, String html, String text, List<String> hashtags,
        String headline, String body, String cta) {

    public static VariantDraft email(String subject, String preheader, String html) {
        return new VariantDraft(subject, preheader, html, null, null, null, null, null);
    }

    public static VariantDraft sms(String text) {
        return new VariantDraft(null, null, null, text, null, null, null, null);
    }

    public static VariantDraft social(String text, List<String> hashtags) {
        return new VariantDraft(null, null, null, text, hashtags, null, null, null);
    }

    public static VariantDraft web(String headline, String body, String cta) {
        return new VariantDraft(null, null, null, null, null, headline, body, cta);
    }
}
