package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.EcPublicKeys;
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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SendGrid's Signed Event Webhook: ECDSA P-256 (SHA-256, DER signature in base64) over the timestamp header's bytes
 * followed by the raw body's, verified with the tenant's {@code webhookVerificationKey} before anything is parsed;
 * then a JSON array of events, each mapped to Herald's vocabulary. Herald's ids come back as the custom args the
 * send put on the message ({@code herald-message-id}, {@code herald-tenant}, top-level keys of each event).
 */
@ApplicationScoped
public class SendGridWebhook implements ProviderWebhook {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    static final String KEY = "webhookVerificationKey";
    private static final String EXPECTED = "a SendGrid Event Webhook body is a JSON array of event objects";

    private final Duration freshness;

    @Inject
    public SendGridWebhook(ProviderWebhookConfig config) {
        this(config.freshness());
    }

    SendGridWebhook(Duration freshness) {
        this.freshness = freshness;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.sendgrid;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request, ProviderCredentials account) {
        verify(request, account);
        JsonNode events = Webhooks.parse(request.body(), EXPECTED);
        if (!events.isArray()) {
            throw WebhookRejected.malformed("the body is a JSON " + events.getNodeType().name().toLowerCase() + "; " + EXPECTED);
        }
        List<TrackedEvent> mapped = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                ignored.add("[" + i + "]: not an event object");
                continue;
            }
            TrackedEvent tracked = map(event, request, ignored, i);
            if (tracked == null) {
                continue;
            }
            // The track worker counts an event id once anyway; dropping a batch's own repeats here saves its writes.
            if (!ids.add(tracked.eventId())) {
                ignored.add("[" + i + "] " + tracked.eventId() + ": duplicate of an earlier event of this batch");
                continue;
            }
            mapped.add(tracked);
        }
        return new WebhookOutcome(mapped, ignored, null);
    }

    private void verify(WebhookRequest request, ProviderCredentials account) {
        ECPublicKey key = EcPublicKeys.parse(Webhooks.secret(account, KEY)).orElseThrow(() -> WebhookRejected.unauthenticated(
                "this tenant's sendgrid '" + KEY + "' is not an ECDSA P-256 public key; write it again with PUT /v1/providers/sendgrid"));
        String signature = request.header(SIGNATURE);
        String timestamp = request.header(TIMESTAMP);
        if (signature == null || signature.isBlank()) {
            throw WebhookRejected.unauthenticated("the " + SIGNATURE + " header is missing: turn on the Signed Event Webhook in SendGrid");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw WebhookRejected.unauthenticated("the " + TIMESTAMP + " header is missing: turn on the Signed Event Webhook in SendGrid");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            throw WebhookRejected.unauthenticated("the " + TIMESTAMP + " header is not epoch seconds");
        }
        if (!verifies(key, signature.strip(), timestamp, request.body())) {
            throw WebhookRejected.unauthenticated("the signature does not verify with this tenant's webhookVerificationKey over the "
                    + TIMESTAMP + " and the raw body");
        }
        Webhooks.fresh(timestamp, request.receivedAt(), freshness, "the " + TIMESTAMP);
    }

    static boolean verifies(ECPublicKey key, String signatureBase64, String timestamp, byte[] body) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return ecdsa.verify(der);
        } catch (GeneralSecurityException | RuntimeException malformedSignature) {
            // A DER blob that does not decode throws SignatureException; the JDK's parser may also throw runtime exceptions.
            return false;
        }
    }

    private static TrackedEvent map(JsonNode event, WebhookRequest request, List<String> ignored, int index) {
        String type = Webhooks.text(event, "event", 64);
        String eventId = "sendgrid:" + (Webhooks.text(event, "sg_event_id", Webhooks.MAX_ID) != null
                ? Webhooks.text(event, "sg_event_id", Webhooks.MAX_ID) : Webhooks.contentId(event));
        if (type == null) {
            ignored.add("[" + index + "] " + eventId + ": no event type");
            return null;
        }
        String tenant = Webhooks.heraldTenant(event);
        if (Webhooks.claimsAnotherTenant(tenant, request.tenantId())) {
            ignored.add("[" + index + "] " + eventId + " (" + type + "): its herald-tenant is another tenant's");
            return null;
        }
        MessageRef message = new MessageRef(Webhooks.heraldMessageId(event), tenant, ProviderKind.sendgrid,
                providerMessageId(Webhooks.text(event, "sg_message_id", Webhooks.MAX_ID), Webhooks.text(event, "smtp-id", Webhooks.MAX_ID)),
                Webhooks.text(event, "email", Webhooks.MAX_TEXT));
        Instant at = Webhooks.epochSeconds(event.get("timestamp"), request.receivedAt());
        String reason = describe(event);
        TrackedEvent tracked = switch (type) {
            case "delivered" -> new TrackedEvent(eventId, EventType.delivered, at, message, null, EventDetail.described(reason));
            case "deferred" -> new TrackedEvent(eventId, EventType.deferred, at, message, null, EventDetail.described(reason));
            case "dropped" -> new TrackedEvent(eventId, EventType.dropped, at, message, null, EventDetail.described(reason));
            case "bounce" -> new TrackedEvent(eventId, EventType.bounce, at, message, null,
                    new EventDetail(bounce(event), null, reason, null, null, null));
            case "open" -> new TrackedEvent(eventId, EventType.open, at, message, evidence(event, isTrue(event.get("sg_machine_open"))), null);
            case "click" -> new TrackedEvent(eventId, EventType.click, at, message, evidence(event, false),
                    new EventDetail(null, Webhooks.text(event, "url", Webhooks.MAX_URL), null, null, null, null));
            case "spamreport" -> new TrackedEvent(eventId, EventType.complaint, at, message, null, EventDetail.described("spamreport"));
            case "unsubscribe", "group_unsubscribe" -> new TrackedEvent(eventId, EventType.unsubscribe, at, message, null,
                    EventDetail.described(type + (event.hasNonNull("asm_group_id") ? " asm_group_id " + event.get("asm_group_id").asText() : "")));
            default -> null;
        };
        if (tracked == null) {
            ignored.add("[" + index + "] " + eventId + ": " + switch (type) {
                case "processed" -> "processed (SendGrid accepted the message; the send recorded it already)";
                case "group_resubscribe" -> "group_resubscribe (a re-subscription to a SendGrid group is not a Herald consent)";
                default -> "unknown SendGrid event type '" + type + "'";
            });
        }
        return tracked;
    }

    /**
     * SendGrid's {@code type}: {@code bounce} is the receiving server refusing the address (hard), {@code blocked} a
     * refusal of the message or sender, such as a blocklist or content filter (soft: the address may be fine).
     * Events from before the field existed were all classic bounces.
     */
    static Bounce bounce(JsonNode event) {
        return "blocked".equals(Webhooks.text(event, "type", 64)) ? Bounce.soft : Bounce.hard;
    }

    /**
     * The id the send API answered in {@code X-Message-Id}, from the event's {@code sg_message_id}: SendGrid appends
     * its filter server's part to it ({@code LRzXl_NHStOGhQ4kofSm_A.filterdrecv-...}). The {@code smtp-id}'s local part
     * is the same id and wins when the two agree; older ids hold dots themselves ({@code 14c5d75ce93.dfd.64b469.filter0001...}),
     * so the cut is at {@code .filter} or {@code .recvd} before it is at the first dot.
     */
    static String providerMessageId(String sgMessageId, String smtpId) {
        String local = smtpId == null ? null : smtpId.replaceAll("^<", "").replaceAll("@.*$", "").replaceAll(">$", "");
        if (sgMessageId == null) {
            return local == null || local.isEmpty() ? null : local;
        }
        if (local != null && !local.isEmpty() && sgMessageId.startsWith(local + ".")) {
            return local;
        }
        for (String server : List.of(".filter", ".recvd")) {
            int at = sgMessageId.indexOf(server);
            if (at > 0) {
                return sgMessageId.substring(0, at);
            }
        }
        int dot = sgMessageId.indexOf('.');
        return dot > 0 ? sgMessageId.substring(0, dot) : sgMessageId;
    }

    private static Evidence evidence(JsonNode event, boolean machine) {
        return new Evidence(Webhooks.text(event, "useragent", Webhooks.MAX_TEXT), Webhooks.text(event, "ip", 64), null,
                machine ? "sg_machine_open" : null);
    }

    private static boolean isTrue(JsonNode flag) {
        return flag != null && (flag.isBoolean() ? flag.booleanValue() : "true".equalsIgnoreCase(flag.asText()));
    }

    /** The provider's words for the timeline: reason or response, with the SMTP status where it gives one. */
    private static String describe(JsonNode event) {
        String reason = Webhooks.text(event, "reason", Webhooks.MAX_TEXT);
        String response = Webhooks.text(event, "response", Webhooks.MAX_TEXT);
        String status = Webhooks.text(event, "status", 32);
        String text = reason != null ? reason : response;
        if (text == null) {
            return status;
        }
        return status == null ? text : status + " " + text;
    }
}
