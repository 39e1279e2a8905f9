package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.TrackedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mailgun's JSON webhooks: {@code {"signature": {timestamp, token, signature}, "event-data": {...}}}, where the
 * signature is hex HMAC-SHA256 of timestamp + token under the tenant's {@code webhookSigningKey}, compared in
 * constant time; the timestamp must be fresh and the token unused (a token seen again with other content is a
 * replay). Mailgun signs only the timestamp and token, not the event: the one-time token is what keeps a captured
 * signature from carrying other events. Herald's ids come back in {@code user-variables}.
 */
@ApplicationScoped
public class MailgunWebhook implements ProviderWebhook {

    static final String KEY = "webhookSigningKey";
    private static final String EXPECTED = "a Mailgun webhook body is {\"signature\": {...}, \"event-data\": {...}} (Mailgun's JSON webhooks)";
    /** Permanent failures where the address is fine but Mailgun would not send: not a bounce. */
    private static final Set<String> REFUSALS = Set.of("suppress-unsubscribe", "suppress-complaint", "espblock");

    private final Duration freshness;
    private final WebhookReplays replays;

    @Inject
    public MailgunWebhook(ProviderWebhookConfig config, WebhookReplays replays) {
        this(config.freshness(), replays);
    }

    MailgunWebhook(Duration freshness, WebhookReplays replays) {
        this.freshness = freshness;
        this.replays = replays;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.mailgun;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request, ProviderCredentials account) {
        String key = Webhooks.secret(account, KEY);
        String contentType = request.header("Content-Type");
        if (contentType != null && (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            throw WebhookRejected.malformed("form-encoded (legacy) Mailgun webhooks are not supported; " + EXPECTED);
        }
        // Mailgun puts its signature inside the body, so the body is parsed (strictly, nothing applied) before it is verified.
        JsonNode body = Webhooks.parse(request.body(), EXPECTED);
        if (!body.isObject()) {
            throw WebhookRejected.malformed("the body is not a JSON object; " + EXPECTED);
        }
        JsonNode signature = body.get("signature");
        if (signature == null || !signature.isObject()) {
            throw WebhookRejected.unauthenticated("the body has no 'signature' object; " + EXPECTED);
        }
        String timestamp = signatureField(signature, "timestamp");
        String token = signatureField(signature, "token");
        String hex = signatureField(signature, "signature");
        if (token.length() > 256) {
            throw WebhookRejected.unauthenticated("signature.token is longer than any Mailgun token");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            throw WebhookRejected.unauthenticated("signature.timestamp is not epoch seconds");
        }
        if (!verifies(key, timestamp, token, hex)) {
            throw WebhookRejected.unauthenticated("signature.signature is not the HMAC-SHA256 of timestamp + token under this tenant's webhookSigningKey");
        }
        Instant signedAt = Webhooks.fresh(timestamp, request.receivedAt(), freshness, "signature.timestamp");
        JsonNode event = body.get("event-data");
        if (event == null || !event.isObject()) {
            throw WebhookRejected.malformed("the body has no 'event-data' object; " + EXPECTED);
        }
        WebhookReplays.Use use = replays.claim(request.tenantId(), ProviderKind.mailgun, token, Webhooks.sha256Hex(Webhooks.canonical(body)),
                request.receivedAt(), signedAt.plus(freshness).plus(freshness));
        if (use == WebhookReplays.Use.CONFLICT) {
            throw WebhookRejected.unauthenticated("signature.token was used before with other content: a replay");
        }
        return map(event, request);
    }

    private static String signatureField(JsonNode signature, String name) {
        JsonNode value = signature.get(name);
        if (value == null || !(value.isTextual() || value.isIntegralNumber()) || value.asText().isEmpty()) {
            throw WebhookRejected.unauthenticated("signature." + name + " is missing");
        }
        return value.asText();
    }

    /**
     * Hex is compared as the bytes it stands for: Mailgun writes lowercase, and an uppercase copy of the same MAC
     * proves the same thing. Anything that is not 64 hex digits fails.
     */
    static boolean verifies(String key, String timestamp, String token, String hex) {
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
            return Webhooks.constantTimeEquals(expected, HexFormat.of().parseHex(hex));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static WebhookOutcome map(JsonNode event, WebhookRequest request) {
        String type = Webhooks.text(event, "event", 64);
        String eventId = "mailgun:" + (Webhooks.text(event, "id", Webhooks.MAX_ID) != null
                ? Webhooks.text(event, "id", Webhooks.MAX_ID) : Webhooks.contentId(event));
        if (type == null) {
            return ignored(eventId + ": no event type");
        }
        JsonNode variables = event.get("user-variables");
        String tenant = Webhooks.heraldTenant(variables);
        if (Webhooks.claimsAnotherTenant(tenant, request.tenantId())) {
            return ignored(eventId + " (" + type + "): its herald-tenant is another tenant's");
        }
        JsonNode headers = event.path("message").path("headers");
        MessageRef message = new MessageRef(Webhooks.heraldMessageId(variables), tenant, ProviderKind.mailgun,
                headers.isObject() ? Webhooks.text(headers, "message-id", Webhooks.MAX_ID) : null,
                Webhooks.text(event, "recipient", Webhooks.MAX_TEXT));
        Instant at = Webhooks.epochSeconds(event.get("timestamp"), request.receivedAt());
        String status = describe(event.path("delivery-status"));
        TrackedEvent tracked = switch (type) {
            case "delivered" -> new TrackedEvent(eventId, EventType.delivered, at, message, null, EventDetail.described(status));
            case "failed" -> failed(event, eventId, at, message, status);
            case "opened" -> new TrackedEvent(eventId, EventType.open, at, message, evidence(event), null);
            case "clicked" -> new TrackedEvent(eventId, EventType.click, at, message, evidence(event),
                    new EventDetail(null, Webhooks.text(event, "url", Webhooks.MAX_URL), null, null, null, null));
            case "unsubscribed" -> new TrackedEvent(eventId, EventType.unsubscribe, at, message, null, EventDetail.described("unsubscribed"));
            case "complained" -> new TrackedEvent(eventId, EventType.complaint, at, message, null, EventDetail.described("complained"));
            default -> null;
        };
        if (tracked == null) {
            return ignored(eventId + ": " + switch (type) {
                case "accepted" -> "accepted (Mailgun queued the message; the send recorded it already)";
                case "stored" -> "stored (an inbound message, not a sent one)";
                default -> "unknown Mailgun event type '" + type + "'";
            });
        }
        return new WebhookOutcome(List.of(tracked), List.of(), null);
    }

    /**
     * {@code severity} says it: temporary is a deferral (Mailgun retries), permanent a hard bounce, the delayed
     * (asynchronous) bounce and the suppression of an address that bounced before included. A permanent failure that
     * says nothing about the address (Mailgun refusing an unsubscribed or complaining address, or its own block) is a
     * drop; one Mailgun gave up on after retrying ({@code old}) is soft: the address may still work.
     */
    private static TrackedEvent failed(JsonNode event, String eventId, Instant at, MessageRef message, String status) {
        String severity = Webhooks.text(event, "severity", 32);
        String reason = Webhooks.text(event, "reason", 64);
        String description = reason == null ? status : status == null ? reason : reason + ": " + status;
        if ("temporary".equals(severity)) {
            return new TrackedEvent(eventId, EventType.deferred, at, message, null, EventDetail.described(description));
        }
        if (reason != null && REFUSALS.contains(reason)) {
            return new TrackedEvent(eventId, EventType.dropped, at, message, null, EventDetail.described(description));
        }
        Bounce bounce = "old".equals(reason) ? Bounce.soft : Bounce.hard;
        return new TrackedEvent(eventId, EventType.bounce, at, message, null, new EventDetail(bounce, null, description, null, null, null));
    }

    private static Evidence evidence(JsonNode event) {
        JsonNode client = event.path("client-info");
        String bot = client.isObject() ? Webhooks.text(client, "bot", 64) : null;
        return new Evidence(client.isObject() ? Webhooks.text(client, "user-agent", Webhooks.MAX_TEXT) : null,
                Webhooks.text(event, "ip", 64), null, bot == null ? null : "mailgun client-info.bot=" + bot);
    }

    private static String describe(JsonNode status) {
        if (!status.isObject()) {
            return null;
        }
        String code = Webhooks.text(status, "code", 16);
        String message = Webhooks.text(status, "message", Webhooks.MAX_TEXT);
        String description = Webhooks.text(status, "description", Webhooks.MAX_TEXT);
        String text = message != null ? message : description;
        if (text == null) {
            return code;
        }
        return code == null ? text : code + " " + text;
    }

    private static WebhookOutcome ignored(String line) {
        return new WebhookOutcome(List.of(), List.of(line), null);
    }
}
