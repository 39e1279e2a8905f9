package io.herald.core.tracking.webhook.sns;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.herald.core.tracking.webhook.WebhookRejected;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One message Amazon SNS posts to an HTTPS subscriber (or writes into an SQS queue without raw delivery): a
 * Notification, SubscriptionConfirmation or UnsubscribeConfirmation, with the string SNS signed, rebuilt exactly as
 * AWS documents it (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html).
 *
 * @param type {@code Notification}, {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}
 * @param messageId SNS's id of this message (a redelivery keeps it)
 * @param topicArn the topic that sent it
 * @param subject a Notification's subject, or null when the message has none
 * @param message the payload: for SES, the SES event as a JSON string
 * @param timestamp when SNS published it, as SNS wrote it
 * @param signatureVersion {@code 1} (SHA1withRSA) or {@code 2} (SHA256withRSA)
 * @param signature the base64 signature
 * @param signingCertUrl where SNS's signing certificate is
 * @param subscribeUrl the confirmation URL of a (Un)SubscriptionConfirmation, or null
 * @param token the confirmation token of a (Un)SubscriptionConfirmation, or null
 */
public record SnsMessage(String type, String messageId, String topicArn, String subject, String message, String timestamp,
        String signatureVersion, String signature, String signingCertUrl, String subscribeUrl, String token) {

    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /**
     * Duplicate keys are refused: with them, what a verifier checks and what a reader uses could be two different
     * values of one key.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads an SNS message from the raw body, or refuses it (400) saying what is wrong. */
    public static SnsMessage parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw WebhookRejected.malformed("the body is not an SNS message: it is not valid JSON (or repeats a key)");
        }
        return from(root).orElseThrow(() -> WebhookRejected.malformed(
                "the body is not an SNS message: a JSON object with Type Notification, SubscriptionConfirmation or UnsubscribeConfirmation is expected"));
    }

    /** Reads an SNS message from parsed JSON, or empty when it is not one; fields it needs but lacks are a 400. */
    public static Optional<SnsMessage> from(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String type = text(root, "Type", false);
        if (!NOTIFICATION.equals(type) && !SUBSCRIPTION_CONFIRMATION.equals(type) && !UNSUBSCRIBE_CONFIRMATION.equals(type)) {
            return Optional.empty();
        }
        boolean confirmation = !NOTIFICATION.equals(type);
        return Optional.of(new SnsMessage(type,
                text(root, "MessageId", true),
                text(root, "TopicArn", true),
                confirmation ? null : text(root, "Subject", false),
                text(root, "Message", true),
                text(root, "Timestamp", true),
                text(root, "SignatureVersion", false),
                text(root, "Signature", false),
                text(root, "SigningCertURL", false),
                confirmation ? text(root, "SubscribeURL", true) : null,
                confirmation ? text(root, "Token", true) : null));
    }

    /** Whether this is a (Un)SubscriptionConfirmation rather than a Notification. */
    public boolean confirmation() {
        return !NOTIFICATION.equals(type);
    }

    /**
     * The bytes SNS signed: the name-value pairs of the message type in byte order, each as name, newline, value,
     * newline; a Notification's Subject only when the message has one.
     */
    public byte[] stringToSign() {
        StringBuilder signed = new StringBuilder();
        pair(signed, "Message", message);
        pair(signed, "MessageId", messageId);
        if (confirmation()) {
            pair(signed, "SubscribeURL", subscribeUrl);
            pair(signed, "Timestamp", timestamp);
            pair(signed, "Token", token);
        } else {
            if (subject != null) {
                pair(signed, "Subject", subject);
            }
            pair(signed, "Timestamp", timestamp);
        }
        pair(signed, "TopicArn", topicArn);
        pair(signed, "Type", type);
        return signed.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void pair(StringBuilder signed, String name, String value) {
        signed.append(name).append('\n').append(value).append('\n');
    }

    /** A string field; JSON null counts as absent, any other non-string is a 400. */
    private static String text(JsonNode root, String name, boolean required) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw WebhookRejected.malformed("the SNS message lacks " + name);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw WebhookRejected.malformed("the SNS message's " + name + " is not a string");
        }
        return value.textValue();
    }

    /** Parses JSON text with the same strict reader, or null when it is not JSON. */
    public static JsonNode readTree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
