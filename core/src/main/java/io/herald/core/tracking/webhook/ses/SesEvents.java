package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.support.Sha256;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.TrackedEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one Amazon SES event record (what SES publishes to SNS) into Herald's events: the configuration-set event
 * publishing format ({@code eventType}) and the older identity notification format ({@code notificationType}),
 * one event per recipient. Herald's message id and tenant come from the {@code herald-message-id} and
 * {@code herald-tenant} tags SesMailer sets (the {@code X-Herald-Message-Id} header where tags are absent, as in
 * identity notifications with original headers); the SES message id is kept as the provider's id.
 *
 * <p>Event ids are built from content that SES repeats identically whenever it publishes the same event, and SNS
 * whenever it redelivers it: {@code ses:<mail.messageId>:<type>:<hash of the recipient>} for what happens once per recipient
 * (delivery, bounce, complaint, reject), with the event's timestamp (and for opens and clicks a hash of who and
 * which link) where one recipient can have several. The SNS MessageId is not used: it is absent when SNS writes the
 * raw event into SQS, and the same bounce sent both as an event and as an identity notification has two.
 */
public final class SesEvents {

    /** What one record came to: its events, and a line for each part that maps to none. */
    public record Parsed(List<TrackedEvent> events, List<String> ignored) {
    }

    private static final int MAX_ID = 256;

    private SesEvents() {
    }

    /** Whether the JSON is an SES event record (an object with eventType or notificationType). */
    public static boolean isSesRecord(JsonNode node) {
        return node != null && node.isObject() && (node.path("eventType").isTextual() || node.path("notificationType").isTextual());
    }

    /** The record's events; an unknown or bookkeeping type is ignored with a line that says so. Never throws. */
    public static Parsed parse(JsonNode record, Instant receivedAt) {
        List<TrackedEvent> events = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        if (!isSesRecord(record)) {
            ignored.add("a message that is not an SES event record");
            return new Parsed(events, ignored);
        }
        Mail mail = Mail.of(record.path("mail"), record);
        String kind = record.path("eventType").isTextual() ? record.path("eventType").textValue() : record.path("notificationType").textValue();
        switch (kind) {
            case "Bounce" -> bounce(record.path("bounce"), mail, receivedAt, events);
            case "Complaint" -> complaint(record.path("complaint"), mail, receivedAt, events, ignored);
            case "Delivery" -> {
                JsonNode delivery = record.path("delivery");
                Instant at = time(delivery, mail, receivedAt);
                for (String recipient : orDestination(strings(delivery.path("recipients")), mail)) {
                    events.add(event(mail, EventType.delivered, recipient, null, at, null,
                            EventDetail.described(text(delivery, "smtpResponse"))));
                }
            }
            case "DeliveryDelay" -> {
                JsonNode delay = record.path("deliveryDelay");
                Instant at = time(delay, mail, receivedAt);
                List<JsonNode> delayed = objects(delay.path("delayedRecipients"));
                for (String recipient : orDestination(addresses(delayed), mail)) {
                    JsonNode about = about(delayed, recipient);
                    events.add(event(mail, EventType.deferred, recipient, text(delay, "timestamp"), at, null,
                            EventDetail.described(join(text(delay, "delayType"), text(about, "status"), text(about, "diagnosticCode")))));
                }
            }
            case "Reject" -> dropped(mail, receivedAt, "rejected by SES: " + orElse(text(record.path("reject"), "reason"), "no reason given"), events);
            case "Rendering Failure" -> dropped(mail, receivedAt, "SES could not render template "
                    + orElse(text(record.path("failure"), "templateName"), "?") + ": " + orElse(text(record.path("failure"), "errorMessage"), "no message"), events);
            case "Open" -> {
                JsonNode open = record.path("open");
                events.add(event(mail, EventType.open, mail.single(), engagementKey(open, null), time(open, mail, receivedAt),
                        new Evidence(text(open, "userAgent"), text(open, "ipAddress"), null, null), null));
            }
            case "Click" -> {
                JsonNode click = record.path("click");
                String link = text(click, "link");
                events.add(event(mail, EventType.click, mail.single(), engagementKey(click, link), time(click, mail, receivedAt),
                        new Evidence(text(click, "userAgent"), text(click, "ipAddress"), null, null),
                        new EventDetail(null, link, null, null, null, null)));
            }
            case "Subscription" -> {
                JsonNode subscription = record.path("subscription");
                if (subscription.path("newTopicPreferences").path("unsubscribeAll").asBoolean(false)) {
                    Instant at = time(subscription, mail, receivedAt);
                    for (String recipient : mail.destination()) {
                        events.add(event(mail, EventType.unsubscribe, recipient, null, at, null,
                                EventDetail.described("unsubscribed from all of SES contact list " + orElse(text(subscription, "contactList"), "?"))));
                    }
                } else {
                    ignored.add("SES Subscription of message " + mail.sesId() + ": topic preferences changed without unsubscribing from all");
                }
            }
            case "Send" -> ignored.add("SES Send of message " + mail.sesId() + " (Herald records its own sends)");
            case "AmazonSnsSubscriptionSucceeded" -> ignored.add("SES notice that the topic is subscribed");
            default -> ignored.add("unknown SES event type '" + printable(kind) + "' of message " + mail.sesId());
        }
        return new Parsed(events, ignored);
    }

    private static void bounce(JsonNode bounce, Mail mail, Instant receivedAt, List<TrackedEvent> events) {
        String type = orElse(text(bounce, "bounceType"), "Undetermined");
        // Permanent: the address is gone (or SES suppresses it); Transient and Undetermined may work later.
        Bounce severity = "Permanent".equals(type) ? Bounce.hard : Bounce.soft;
        Instant at = time(bounce, mail, receivedAt);
        List<JsonNode> bounced = objects(bounce.path("bouncedRecipients"));
        for (String recipient : orDestination(addresses(bounced), mail)) {
            JsonNode about = about(bounced, recipient);
            String reason = join(type + "/" + orElse(text(bounce, "bounceSubType"), "?"), text(about, "status"), text(about, "diagnosticCode"));
            // the type in the id: a hard bounce after a soft one for the same recipient is another event
            events.add(event(mail, EventType.bounce, recipient, severity.name(), at, null, new EventDetail(severity, null, reason, null, null, null)));
        }
    }

    private static void complaint(JsonNode complaint, Mail mail, Instant receivedAt, List<TrackedEvent> events, List<String> ignored) {
        String feedback = text(complaint, "complaintFeedbackType");
        if ("not-spam".equalsIgnoreCase(feedback)) {
            ignored.add("SES complaint of message " + mail.sesId() + " with feedback type not-spam (a correction, not a complaint)");
            return;
        }
        Instant at = time(complaint, mail, receivedAt);
        for (String recipient : orDestination(addresses(objects(complaint.path("complainedRecipients"))), mail)) {
            events.add(event(mail, EventType.complaint, recipient, null, at, null,
                    EventDetail.described(join(orElse(feedback, "complaint"), text(complaint, "complaintSubType"), text(complaint, "userAgent")))));
        }
    }

    private static void dropped(Mail mail, Instant receivedAt, String reason, List<TrackedEvent> events) {
        for (String recipient : orDestination(List.of(), mail)) {
            events.add(event(mail, EventType.dropped, recipient, null, mail.at(receivedAt), null, EventDetail.described(reason)));
        }
    }

    private static TrackedEvent event(Mail mail, EventType type, String recipient, String qualifier, Instant at, Evidence evidence, EventDetail detail) {
        StringBuilder id = new StringBuilder("ses:");
        id.append(mail.sesId() != null ? mail.sesId() : "sha256:" + sha256(mail.source().toString()));
        // the recipient as a hash: event ids reach logs and the tenant's outbound webhooks, addresses must not
        id.append(':').append(type.name()).append(':').append(recipient == null ? "-" : sha256(recipient.toLowerCase(Locale.ROOT)).substring(0, 16));
        if (qualifier != null) {
            id.append(':').append(qualifier);
        }
        return new TrackedEvent(id.toString(), type, at,
                new MessageRef(mail.heraldId(), mail.tenant(), ProviderKind.ses, mail.sesId(), recipient), evidence, detail);
    }

    /** One recipient opens or clicks many times: the moment, who and which link tell the events apart. */
    private static String engagementKey(JsonNode action, String link) {
        return sha256(String.join("\n", orElse(text(action, "timestamp"), ""), orElse(text(action, "ipAddress"), ""),
                orElse(text(action, "userAgent"), ""), orElse(link, ""))).substring(0, 32);
    }

    private static List<String> orDestination(List<String> recipients, Mail mail) {
        if (!recipients.isEmpty()) {
            return recipients;
        }
        if (!mail.destination().isEmpty()) {
            return mail.destination();
        }
        List<String> none = new ArrayList<>();
        none.add(null);
        return none;
    }

    private static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> objects = new ArrayList<>();
        array.forEach(node -> {
            if (node.isObject()) {
                objects.add(node);
            }
        });
        return objects;
    }

    private static List<String> addresses(List<JsonNode> recipients) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode recipient : recipients) {
            String address = text(recipient, "emailAddress");
            if (address != null && !address.isBlank() && !addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static JsonNode about(List<JsonNode> recipients, String address) {
        return recipients.stream().filter(node -> address != null && address.equals(text(node, "emailAddress")))
                .findFirst().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> {
            if (node.isTextual() && !node.textValue().isBlank() && !values.contains(node.textValue())) {
                values.add(node.textValue());
            }
        });
        return values;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static Instant time(JsonNode node, Mail mail, Instant receivedAt) {
        Instant at = instant(text(node, "timestamp"));
        return at != null ? at : mail.at(receivedAt);
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joined.append(joined.length() == 0 ? "" : "; ").append(part);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String printable(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9 ._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    /** What the {@code mail} object says about the message. */
    private record Mail(JsonNode source, String sesId, String heraldId, String tenant, List<String> destination, Instant sentAt) {

        static Mail of(JsonNode mail, JsonNode record) {
            String heraldId = tag(mail, OutboundEmail.MESSAGE_ID_TAG);
            if (heraldId == null) {
                heraldId = header(mail, OutboundEmail.MESSAGE_ID_HEADER);
            }
            return new Mail(record, bounded(text(mail, "messageId")), heraldId, tag(mail, OutboundEmail.TENANT_TAG),
                    strings(mail.path("destination")), instant(text(mail, "timestamp")));
        }

        String single() {
            return destination.size() == 1 ? destination.get(0) : null;
        }

        Instant at(Instant receivedAt) {
            return sentAt != null ? sentAt : receivedAt;
        }

        /** A tag's first value: SES gives each tag as a list ({@code "herald-message-id": ["..."]}). */
        private static String tag(JsonNode mail, String name) {
            JsonNode values = mail.path("tags").path(name);
            JsonNode first = values.isArray() ? values.path(0) : values;
            return first.isTextual() ? bounded(first.textValue()) : null;
        }

        private static String header(JsonNode mail, String name) {
            for (JsonNode header : mail.path("headers")) {
                if (name.equalsIgnoreCase(text(header, "name"))) {
                    return bounded(text(header, "value") == null ? null : text(header, "value").trim());
                }
            }
            return null;
        }

        private static String bounded(String value) {
            return value == null || value.isBlank() || value.length() > MAX_ID ? null : value;
        }
    }
}
