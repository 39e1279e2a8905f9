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
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Postmark's webhooks: Postmark signs nothing, so the URL carries HTTP Basic credentials
 * ({@code https://user:password@host/hooks/postmark/<tenant>}), compared in constant time with the tenant's
 * {@code webhookUsername} and {@code webhookPassword}. Postmark gives up for good on a webhook answered with a 4xx,
 * so every refusal of credentials is also logged at ERROR: it means events are being lost. One JSON object per
 * request, named by {@code RecordType}; Herald's ids come back in {@code Metadata}.
 */
@ApplicationScoped
public class PostmarkWebhook implements ProviderWebhook {

    private static final Logger LOG = Logger.getLogger(PostmarkWebhook.class);
    static final String USERNAME = "webhookUsername";
    static final String PASSWORD = "webhookPassword";
    private static final String EXPECTED = "a Postmark webhook body is one JSON object with a RecordType";

    /**
     * Postmark's bounce types (its Bounce API table): the address is gone (hard), may work later (soft), or the
     * record is not a bounce of this message at all (null: ignored). A type not listed is soft unless Postmark
     * deactivated the address ({@code Inactive}).
     */
    static final Map<String, Bounce> BOUNCE_TYPES = Map.ofEntries(
            Map.entry("HardBounce", Bounce.hard),
            Map.entry("BadEmailAddress", Bounce.hard),
            Map.entry("ManuallyDeactivated", Bounce.hard),
            Map.entry("Transient", Bounce.soft),
            Map.entry("SoftBounce", Bounce.soft),
            Map.entry("DnsError", Bounce.soft),
            Map.entry("SpamNotification", Bounce.soft),
            Map.entry("Unknown", Bounce.soft),
            Map.entry("VirusNotification", Bounce.soft),
            Map.entry("ChallengeVerification", Bounce.soft),
            Map.entry("Blocked", Bounce.soft),
            Map.entry("DMARCPolicy", Bounce.soft),
            Map.entry("Unconfirmed", Bounce.soft),
            Map.entry("SMTPApiError", Bounce.soft));

    @Override
    public ProviderKind kind() {
        return ProviderKind.postmark;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request, ProviderCredentials account) {
        authenticate(request, account);
        JsonNode record = Webhooks.parse(request.body(), EXPECTED);
        if (!record.isObject()) {
            throw WebhookRejected.malformed("the body is not a JSON object; " + EXPECTED);
        }
        return map(record, request);
    }

    private static void authenticate(WebhookRequest request, ProviderCredentials account) {
        String username;
        String password;
        try {
            username = Webhooks.secret(account, USERNAME);
            password = Webhooks.secret(account, PASSWORD);
        } catch (WebhookRejected missing) {
            throw alert(request, "the account has no webhook credentials set", missing);
        }
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw alert(request, "no Basic credentials were presented", WebhookRejected.unauthenticated(
                    "no HTTP Basic credentials: put webhookUsername and webhookPassword into the webhook URL set in Postmark"));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            throw alert(request, "the Basic credentials are not base64", WebhookRejected.unauthenticated("the Basic credentials are not base64"));
        }
        String presented = new String(decoded, StandardCharsets.UTF_8);
        int colon = presented.indexOf(':');
        String user = colon < 0 ? presented : presented.substring(0, colon);
        String pass = colon < 0 ? "" : presented.substring(colon + 1);
        // Both compared, always: which of the two is wrong does not change the time taken.
        boolean userMatches = Webhooks.constantTimeEquals(digest(user), digest(username));
        boolean passwordMatches = Webhooks.constantTimeEquals(digest(pass), digest(password));
        if (!(userMatches & passwordMatches)) {
            throw alert(request, "the credentials do not match (" + (userMatches ? "wrong password" : "wrong username") + ")",
                    WebhookRejected.unauthenticated("the Basic credentials are not this tenant's webhookUsername and webhookPassword"));
        }
    }

    /** Hashing first makes the comparison constant-time whatever the two lengths. */
    private static byte[] digest(String text) {
        return Webhooks.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRejected alert(WebhookRequest request, String why, WebhookRejected rejection) {
        LOG.errorf("ALERT: a Postmark webhook for tenant %s was refused with 401 and Postmark will not retry it, so its events are lost: %s."
                + " Check the webhook URL's credentials in Postmark against the tenant's postmark account", request.tenantId(), why);
        return rejection;
    }

    private static WebhookOutcome map(JsonNode record, WebhookRequest request) {
        String type = Webhooks.text(record, "RecordType", 64);
        if (type == null) {
            throw WebhookRejected.malformed("the object has no RecordType; " + EXPECTED);
        }
        JsonNode metadata = record.get("Metadata");
        metadata = metadata != null && metadata.isObject() ? metadata : null;
        String tenant = Webhooks.heraldTenant(metadata);
        String eventId = eventId(type, record);
        if (Webhooks.claimsAnotherTenant(tenant, request.tenantId())) {
            return ignored(eventId + ": its herald-tenant is another tenant's");
        }
        String recipient = Webhooks.text(record, "Recipient", Webhooks.MAX_TEXT) != null
                ? Webhooks.text(record, "Recipient", Webhooks.MAX_TEXT) : Webhooks.text(record, "Email", Webhooks.MAX_TEXT);
        MessageRef message = new MessageRef(Webhooks.heraldMessageId(metadata), tenant, ProviderKind.postmark,
                Webhooks.text(record, "MessageID", Webhooks.MAX_ID), recipient);
        String details = Webhooks.text(record, "Details", Webhooks.MAX_TEXT);
        TrackedEvent tracked = switch (type) {
            case "Delivery" -> new TrackedEvent(eventId, EventType.delivered, time(record, "DeliveredAt", request), message, null,
                    EventDetail.described(details));
            case "Bounce" -> bounce(record, eventId, time(record, "BouncedAt", request), message);
            case "SpamComplaint" -> new TrackedEvent(eventId, EventType.complaint, time(record, "BouncedAt", request), message, null,
                    EventDetail.described("SpamComplaint"));
            case "Open" -> new TrackedEvent(eventId, EventType.open, time(record, "ReceivedAt", request), message, evidence(record), null);
            case "Click" -> new TrackedEvent(eventId, EventType.click, time(record, "ReceivedAt", request), message, evidence(record),
                    new EventDetail(null, Webhooks.text(record, "OriginalLink", Webhooks.MAX_URL), null, null, null, null));
            case "SubscriptionChange" -> subscriptionChange(record, eventId, time(record, "ChangedAt", request), message);
            default -> null;
        };
        if (tracked == null) {
            return ignored(eventId + ": " + ("SubscriptionChange".equals(type)
                    ? "SubscriptionChange that reactivates the address (not a Herald consent)"
                    : "Bounce".equals(type) ? "a Bounce record of type " + Webhooks.text(record, "Type", 64) + " that is not a bounce of this message"
                    : "unknown Postmark RecordType '" + type + "'"));
        }
        return new WebhookOutcome(List.of(tracked), List.of(), null);
    }

    /**
     * Bounces and complaints carry Postmark's own 64-bit {@code ID}, written exactly as it came (never through a
     * double); the other records have none, so their id is the message, then a hash of what tells two such events
     * apart (recipient, time, link, client). A repost is byte-equal and gives the same id.
     */
    static String eventId(String type, JsonNode record) {
        JsonNode id = record.get("ID");
        if (id != null && id.isIntegralNumber()) {
            return "postmark:" + type + ":" + id.bigIntegerValue();
        }
        if (id != null && id.isTextual() && id.asText().matches("[0-9]{1,40}")) {
            return "postmark:" + type + ":" + id.asText();
        }
        StringBuilder parts = new StringBuilder();
        for (String field : List.of("Recipient", "Email", "DeliveredAt", "BouncedAt", "ReceivedAt", "ChangedAt", "OriginalLink",
                "ClickLocation", "UserAgent", "SuppressSending", "SuppressionReason", "Origin", "Type")) {
            JsonNode value = record.get(field);
            parts.append(field).append('=').append(value == null ? "" : Webhooks.canonical(value)).append('\n');
        }
        String messageId = Webhooks.text(record, "MessageID", Webhooks.MAX_ID);
        return "postmark:" + type + ":" + (messageId == null ? "" : messageId) + ":" + Webhooks.sha256Hex(parts.toString()).substring(0, 32);
    }

    private static TrackedEvent bounce(JsonNode record, String eventId, Instant at, MessageRef message) {
        String type = Webhooks.text(record, "Type", 64);
        String description = join(type, Webhooks.text(record, "Description", Webhooks.MAX_TEXT), Webhooks.text(record, "Details", Webhooks.MAX_TEXT));
        if ("SpamComplaint".equals(type)) {
            return new TrackedEvent(eventId, EventType.complaint, at, message, null, EventDetail.described(description));
        }
        if (type != null && List.of("Subscribe", "AutoResponder", "AddressChange", "OpenRelayTest", "InboundError").contains(type)) {
            return null;
        }
        if ("Unsubscribe".equals(type)) {
            return new TrackedEvent(eventId, EventType.unsubscribe, at, message, null, EventDetail.described(description));
        }
        if ("TemplateRenderingFailed".equals(type)) {
            return new TrackedEvent(eventId, EventType.dropped, at, message, null, EventDetail.described(description));
        }
        // Map.of refuses a null key with an NPE: a record without a Type is an unlisted type.
        Bounce bounce = type == null ? null : BOUNCE_TYPES.get(type);
        if (bounce == null) {
            bounce = record.path("Inactive").asBoolean(false) ? Bounce.hard : Bounce.soft;
        }
        return new TrackedEvent(eventId, EventType.bounce, at, message, null, new EventDetail(bounce, null, description, null, null, null));
    }

    /**
     * {@code SuppressSending: true} stops sends to the address. Its reason says why: a recipient's own unsubscribe
     * (or a manual suppression) is an unsubscribe, while Postmark suppressing after a hard bounce or a spam complaint
     * is that bounce or complaint again (its own webhook also came; each counts once per message), so that bounces
     * are not counted as unsubscribes. {@code false} reactivates the address, which is no consent: ignored.
     */
    private static TrackedEvent subscriptionChange(JsonNode record, String eventId, Instant at, MessageRef message) {
        if (!record.path("SuppressSending").asBoolean(false)) {
            return null;
        }
        String reason = Webhooks.text(record, "SuppressionReason", 64);
        String description = join("SubscriptionChange", reason, Webhooks.text(record, "Origin", 64));
        if ("HardBounce".equals(reason)) {
            return new TrackedEvent(eventId, EventType.bounce, at, message, null, new EventDetail(Bounce.hard, null, description, null, null, null));
        }
        if ("SpamComplaint".equals(reason)) {
            return new TrackedEvent(eventId, EventType.complaint, at, message, null, EventDetail.described(description));
        }
        return new TrackedEvent(eventId, EventType.unsubscribe, at, message, null, EventDetail.described(description));
    }

    private static Evidence evidence(JsonNode record) {
        JsonNode geo = record.path("Geo");
        return new Evidence(Webhooks.text(record, "UserAgent", Webhooks.MAX_TEXT), geo.isObject() ? Webhooks.text(geo, "IP", 64) : null, null, null);
    }

    /** Postmark writes ISO-8601 with up to 7 fractional digits and an offset; the receiving time stands in for anything else. */
    private static Instant time(JsonNode record, String field, WebhookRequest request) {
        String text = Webhooks.text(record, field, 64);
        if (text == null) {
            return request.receivedAt();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return request.receivedAt();
        }
    }

    private static String join(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                text.append(text.isEmpty() ? "" : ": ").append(part);
            }
        }
        String joined = text.toString();
        return joined.isEmpty() ? null : joined.length() > Webhooks.MAX_TEXT ? joined.substring(0, Webhooks.MAX_TEXT) : joined;
    }

    private static WebhookOutcome ignored(String line) {
        return new WebhookOutcome(List.of(), List.of(line), null);
    }
}
