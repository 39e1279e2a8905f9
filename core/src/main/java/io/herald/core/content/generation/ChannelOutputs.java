package io.herald.core.content.generation;

import io.herald.core.content.Channel;
import io.herald.core.content.VariantDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The structured output the model returns per channel, one record each, read with Jackson. The email's
 * {@code text} is read but not used: the checks derive the text part from the sanitized HTML.
 */
public final class ChannelOutputs {

    private ChannelOutputs() {
    }

    @RegisterForReflection
    public record EmailOutput(String subject, String preheader, String html, String text) {
    }

    @RegisterForReflection
    public record SmsOutput(String text) {
    }

    @RegisterForReflection
    public record SocialOutput(String text, List<String> hashtags) {
    }

    @RegisterForReflection
    public record WebOutput(String headline, String body, String cta) {
    }

    static Class<?> type(Channel channel) {
        return switch (channel) {
            case email -> EmailOutput.class;
            case sms -> SmsOutput.class;
            case social -> SocialOutput.class;
            case web -> WebOutput.class;
        };
    }

    static VariantDraft toDraft(Object output) {
        if (output instanceof EmailOutput email) {
            return VariantDraft.email(email.subject(), email.preheader(), email.html());
        }
        if (output instanceof SmsOutput sms) {
            return VariantDraft.sms(sms.text());
        }
        if (output instanceof SocialOutput social) {
            return VariantDraft.social(social.text(), social.hashtags());
        }
        WebOutput web = (WebOutput) output;
        return VariantDraft.web(web.headline(), web.body(), web.cta());
    }
}
