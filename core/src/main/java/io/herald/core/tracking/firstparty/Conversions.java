package io.herald.core.tracking.firstparty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactService;
import io.herald.core.contact.ContactsConfig;
import io.herald.core.contact.EventDraft;
import io.herald.core.contact.EventService;
import io.herald.core.contact.ItemResult;
import io.herald.core.contact.ProfileRules;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.Money;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import io.herald.core.tracking.TrackedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/conversions}: attributes a reported purchase or sign-up to a message, inside the reporting tenant
 * only, then records it twice: as a {@code conversion} event on the track queue (counted per campaign and variant by
 * the track worker) and as the contact's {@code conversion} behaviour event (so segments and prompts see it).
 * <p>
 * Attribution, first match: the click token's message; else the named message id; else the contact's most recent
 * campaign message sent within {@code herald.tracking.conversion-window} before the conversion; else none. A message
 * of another tenant is simply not found. The attribution is stored first (one conditional put in the contact's
 * partition), so a repost with the same conversion id answers the same and finishes whatever a failed first post
 * left undone; both records downstream are idempotent (event ids {@code conversion:<id>}).
 */
@ApplicationScoped
public class Conversions {

    /** The behaviour event type segments select conversions by. */
    public static final String EVENT_TYPE = "conversion";
    /** Conversion ids become event ids {@code conversion:<id>}, which the event store keeps to 128 characters. */
    static final int MAX_ID = 100;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(24);
    /** Campaign messages read per contact for the last-message rule: one per campaign, so this many campaigns. */
    private static final int MAX_MESSAGES_READ = 1000;

    private final Store store;
    private final ContactService contacts;
    private final EventService events;
    private final Messages messages;
    private final TrackingLinks links;
    private final TrackQueue queue;
    private final TrackingConfig config;
    private final ContactsConfig contactsConfig;
    private final ObjectMapper json;
    private final Clock clock;

    public Conversions(Store store, ContactService contacts, EventService events, Messages messages, TrackingLinks links, TrackQueue queue,
            TrackingConfig config, ContactsConfig contactsConfig, ObjectMapper json, Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.events = events;
        this.messages = messages;
        this.links = links;
        this.queue = queue;
        this.config = config;
        this.contactsConfig = contactsConfig;
        this.json = json;
        this.clock = clock;
    }

    /** Validates, attributes (once per conversion id), records; throws 400/404 problems for bad input, 503 when a store is down. */
    public ConversionReceipt record(String tenantId, ConversionRequest request) {
        if (request == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        Instant now = clock.instant();
        String conversionId = conversionId(request.conversionId());
        String kind = kind(request.kind());
        Money value = money(request.value());
        Instant occurredAt = occurredAt(request.occurredAt(), now);
        Optional<ClickToken> click = clickToken(request.clickToken());
        if (request.messageId() != null && (request.messageId().isBlank() || request.messageId().length() > 200)) {
            throw HeraldException.invalid("messageId: Herald's message id, 1 to 200 characters, or left out");
        }
        Contact contact = contact(tenantId, request);
        String pk = Keys.contact(tenantId, contact.id());
        try {
            Optional<StoredConversion> known = store.get(pk, Keys.conversionSk(conversionId), StoredConversion.class);
            StoredConversion stored;
            if (known.isPresent()) {
                stored = known.get();
            } else {
                ConversionReceipt receipt = attribute(tenantId, contact, conversionId, click, request.messageId(), occurredAt);
                stored = new StoredConversion(receipt, contact.id(), kind, value, occurredAt, now);
                if (!store.putIfAbsent(Item.of(pk, Keys.conversionSk(conversionId), stored).expiringAt(expiry(occurredAt)))) {
                    stored = store.get(pk, Keys.conversionSk(conversionId), StoredConversion.class).orElse(stored);
                }
            }
            recordEvent(tenantId, stored);
            enqueue(tenantId, contact, stored, now);
            return stored.receipt();
        } catch (SdkException e) {
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Store unavailable",
                    "the conversion could not be recorded now; post it again with the same conversionId");
        }
    }

    private ConversionReceipt attribute(String tenantId, Contact contact, String conversionId, Optional<ClickToken> click, String messageId,
            Instant occurredAt) {
        if (click.isPresent() && click.get().tenantId().equals(tenantId)) {
            Optional<MessageRecord> clicked = messages.byMessageId(tenantId, click.get().messageId()).filter(Conversions::wasSent);
            if (clicked.isPresent()) {
                return receipt(conversionId, clicked.get(), ConversionReceipt.CLICK);
            }
        }
        if (messageId != null) {
            Optional<MessageRecord> named = messages.byMessageId(tenantId, messageId).filter(Conversions::wasSent);
            if (named.isPresent()) {
                return receipt(conversionId, named.get(), ConversionReceipt.MESSAGE);
            }
        }
        return lastMessage(tenantId, contact.id(), occurredAt)
                .map(last -> receipt(conversionId, last, ConversionReceipt.LAST_MESSAGE))
                .orElse(new ConversionReceipt(conversionId, false, null, null, null, ConversionReceipt.NONE));
    }

    /** The contact's campaign message sent last within the window before the conversion: its MSG# items, one per campaign. */
    Optional<MessageRecord> lastMessage(String tenantId, String contactId, Instant occurredAt) {
        Instant from = occurredAt.minus(config.conversionWindow());
        MessageRecord best = null;
        String cursor = null;
        int read = 0;
        do {
            Page<MessageRecord> page = store.page(Keys.contact(tenantId, contactId), KeyRange.prefix(Keys.messagePrefix()), MessageRecord.class,
                    cursor, 100, true); // newest campaigns first (their ids sort by creation): the cap keeps the recent ones
            for (MessageRecord message : page.items()) {
                if (wasSent(message) && tenantId.equals(message.tenantId()) && !message.sentAt().isAfter(occurredAt)
                        && !message.sentAt().isBefore(from) && (best == null || message.sentAt().isAfter(best.sentAt()))) {
                    best = message;
                }
            }
            read += page.items().size();
            cursor = page.next();
        } while (cursor != null && read < MAX_MESSAGES_READ);
        return Optional.ofNullable(best);
    }

    private static boolean wasSent(MessageRecord message) {
        return message.status() == MessageStatus.sent && message.sentAt() != null && !message.test() && message.campaignId() != null;
    }

    private static ConversionReceipt receipt(String conversionId, MessageRecord message, String by) {
        return new ConversionReceipt(conversionId, true, message.messageId(), message.campaignId(),
                message.content() == null ? null : message.content().variant(), by);
    }

    private void recordEvent(String tenantId, StoredConversion stored) {
        ConversionReceipt receipt = stored.receipt();
        ObjectNode properties = json.createObjectNode().put("conversionId", receipt.conversionId()).put("kind", stored.kind());
        if (stored.value() != null) {
            properties.putObject("value").put("amount", amountText(stored.value())).put("currency", stored.value().currency());
        }
        properties.put("attributedBy", receipt.attributedBy());
        if (receipt.attributed()) {
            properties.put("messageId", receipt.messageId()).put("campaignId", receipt.campaignId());
            if (receipt.variant() != null) {
                properties.put("variant", receipt.variant());
            }
        }
        List<ItemResult> results = events.record(tenantId, List.of(new EventDraft(FirstPartyIds.conversion(receipt.conversionId()),
                stored.contactId(), EVENT_TYPE, stored.occurredAt(), properties)));
        ItemResult result = results.get(0);
        if ("rejected".equals(result.status())) {
            if (ItemResult.STORE_UNAVAILABLE.equals(result.error())) {
                throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Store unavailable",
                        "the conversion's contact event could not be recorded now; post it again with the same conversionId");
            }
            throw HeraldException.invalid("the conversion's contact event was refused: " + result.error());
        }
    }

    private void enqueue(String tenantId, Contact contact, StoredConversion stored, Instant now) {
        ConversionReceipt receipt = stored.receipt();
        if (!receipt.attributed()) {
            return;
        }
        TrackedEvent event = new TrackedEvent(FirstPartyIds.conversion(receipt.conversionId()), EventType.conversion, stored.occurredAt(),
                new MessageRef(receipt.messageId(), tenantId, null, null, contact.email()), null,
                new EventDetail(null, null, "attributed by " + receipt.attributedBy(), null, stored.value(), stored.kind()));
        try {
            queue.enqueue(new TrackJob(tenantId, "conversion", now, List.of(event)));
        } catch (RuntimeException e) {
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Queue unavailable",
                    "the conversion was attributed but could not be queued for counting; post it again with the same conversionId");
        }
    }

    private Contact contact(String tenantId, ConversionRequest request) {
        if (request.contactId() != null) {
            ProfileRules.contactId(request.contactId());
            return contacts.find(tenantId, request.contactId()).orElseThrow(() -> HeraldException.notFound("contact", request.contactId()));
        }
        if (request.email() == null) {
            throw HeraldException.invalid("contactId or email: one of them is required to say who converted");
        }
        if (!ProfileRules.isEmail(request.email())) {
            throw HeraldException.invalid("email: '" + request.email() + "' is not an email address");
        }
        List<Contact> found = contacts.findByEmail(tenantId, request.email());
        if (found.isEmpty()) {
            throw new HeraldException(HeraldException.Kind.NOT_FOUND, "Not found", "no contact of this tenant has the email " + request.email());
        }
        // Normally one; several contacts sharing an address are ambiguous, so the one with the smallest id, always the same.
        return found.stream().min(java.util.Comparator.comparing(Contact::id)).orElseThrow();
    }

    private Optional<ClickToken> clickToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Optional<ClickToken> click = links.verifyClick(token);
        if (click.isEmpty()) {
            throw HeraldException.invalid("clickToken: not a click token Herald signed (pass the last path segment of the /t/c/ link exactly as it arrived)");
        }
        return click;
    }

    private static String conversionId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl) || !id.strip().equals(id)) {
            throw HeraldException.invalid("conversionId: required, 1 to " + MAX_ID + " characters without control characters or surrounding spaces;"
                    + " it is the idempotency id (an order number, say)");
        }
        return id;
    }

    private static String kind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw HeraldException.invalid("kind: required, a lower-case letter then up to 63 lower-case letters, digits, '_' or '-' (purchase, signup)");
        }
        return kind;
    }

    /** Exact minor units: a decimal string, never a float, with no more decimals than the currency has minor digits. */
    static Money money(ConversionRequest.Value value) {
        if (value == null) {
            return null;
        }
        if (value.currency() == null || !CURRENCY.matcher(value.currency()).matches()) {
            throw HeraldException.invalid("value.currency: required with a value, an ISO 4217 code in upper case such as EUR");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(value.currency());
        } catch (IllegalArgumentException unknown) {
            throw HeraldException.invalid("value.currency: '" + value.currency() + "' is not an ISO 4217 currency code");
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw HeraldException.invalid("value.currency: " + value.currency() + " has no minor unit (not a money currency)");
        }
        if (value.amount() == null || !AMOUNT.matcher(value.amount()).matches()) {
            throw HeraldException.invalid("value.amount: required with a value, a non-negative decimal string such as \"49.90\" (a string, not a number)");
        }
        BigDecimal amount = new BigDecimal(value.amount());
        if (amount.scale() > digits) {
            throw HeraldException.invalid("value.amount: " + value.amount() + " has " + amount.scale() + " decimals, but " + value.currency()
                    + " has " + digits + " minor digit" + (digits == 1 ? "" : "s"));
        }
        try {
            return new Money(amount.movePointRight(digits).longValueExact(), value.currency());
        } catch (ArithmeticException tooLarge) {
            throw HeraldException.invalid("value.amount: " + value.amount() + " is too large");
        }
    }

    static String amountText(Money money) {
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(money.minor(), digits).toPlainString();
    }

    private Instant occurredAt(Instant occurredAt, Instant now) {
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw HeraldException.invalid("occurredAt: " + occurredAt + " is more than 24 hours in the future");
        }
        if (occurredAt.isBefore(now.minus(contactsConfig.eventRetention()))) {
            throw HeraldException.invalid("occurredAt: " + occurredAt + " is older than the event retention period ("
                    + contactsConfig.eventRetention().toDays() + " days)");
        }
        return occurredAt;
    }

    private long expiry(Instant occurredAt) {
        return occurredAt.plus(contactsConfig.eventRetention()).getEpochSecond();
    }
}
