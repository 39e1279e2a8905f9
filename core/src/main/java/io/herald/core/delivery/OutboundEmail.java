package io.herald.core.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * One fully rendered email, ready for a provider: nothing in it is a template any more.
 *
 * @param messageId Herald's message id; every provider carries it so that its webhooks can name the message
 *                  (SendGrid {@code custom_args}, Mailgun {@code v:} variables, Postmark {@code Metadata}, SES
 *                  message tags, an {@code X-Herald-Message-Id} header over SMTP)
 * @param tenantId the tenant the message belongs to, carried beside the message id
 * @param from sender address, optionally with a display name ({@code "Acme <news@acme.example>"})
 * @param replyTo reply-to address, or null
 * @param to the one recipient (Herald sends one message per recipient, never a visible list)
 * @param subject rendered subject line
 * @param html rendered, sanitized HTML part
 * @param text rendered plain-text part
 * @param headers extra headers such as {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 * @param tags provider-side labels (campaign, variant), where the provider supports them
 */
@RegisterForReflection
public record OutboundEmail(String messageId, String tenantId, String from, String replyTo, String to,
        String subject, String html, String text, Map<String, String> headers, Map<String, String> tags) {

    /** The header that carries Herald's message id over SMTP, and as a fallback everywhere. */
    public static final String MESSAGE_ID_HEADER = "X-Herald-Message-Id";

    /**
     * The name under which every provider's metadata carries Herald's message id (SendGrid {@code custom_args},
     * Mailgun {@code v:} variables, Postmark {@code Metadata}, SES message tags), so webhooks can be matched.
     */
    public static final String MESSAGE_ID_TAG = "herald-message-id";

    /** The name under which every provider's metadata carries the tenant id, beside {@link #MESSAGE_ID_TAG}. */
    public static final String TENANT_TAG = "herald-tenant";
}
