package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.content.guardrails.CheckResult;
import io.herald.core.content.guardrails.SmsSegments;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One generated variant, as checked: only its channel's fields are present.
 *
 * @param index 1-based position among the variants
 * @param subject email subject line
 * @param preheader email preview text
 * @param html sanitized email HTML
 * @param text email plain text (derived from the HTML), the SMS text or the social post text
 * @param hashtags social hashtags, without '#'
 * @param headline web headline
 * @param body web body copy
 * @param cta web call-to-action label
 * @param ctaUrl where the call to action points (the brief's URL)
 * @param sms SMS encoding and segment count
 * @param length social post length as the network counts it (X: weighted, CJK and emoji 2, each URL 23; others: code
 *               points), hashtags included
 * @param checks every check and its result
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(int index, String subject, String preheader, String html, String text, List<String> hashtags,
        String headline, String body, String cta, String ctaUrl, SmsSegments.SmsCount sms, Integer length,
        List<CheckResult> checks) {

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }
}
