package io.herald.core.contact;

import io.herald.core.errors.HeraldException;
import software.amazon.awssdk.core.exception.SdkException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Behaviour events, kept in the contact's partition so that prompts can read the latest ones in one query. */
@ApplicationScoped
public class EventService {

    /** Events dated further ahead than this are a client clock bug, not the future. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(24);

    private final Store store;
    private final ContactService contacts;
    private final Clock clock;
    private final ContactsConfig config;

    public EventService(Store store, ContactService contacts, Clock clock, ContactsConfig config) {
        this.store = store;
        this.contacts = contacts;
        this.clock = clock;
        this.config = config;
    }

    /** Records each event on its own; an event whose id was recorded before is reported as {@code duplicate}. */
    public List<ItemResult> record(String tenantId, List<EventDraft> drafts) {
        ProfileRules.batch("events", drafts, config.maxBatch());
        Map<String, Boolean> knownContacts = new HashMap<>();
        List<ItemResult> results = new ArrayList<>();
        for (int index = 0; index < drafts.size(); index++) {
            EventDraft draft = drafts.get(index);
            try {
                results.add(recordOne(tenantId, index, draft, knownContacts));
            } catch (HeraldException e) {
                results.add(new ItemResult(index, draft == null ? null : draft.id(), "rejected", e.detail()));
            } catch (SdkException e) {
                results.add(new ItemResult(index, draft == null ? null : draft.id(), "rejected", ItemResult.STORE_UNAVAILABLE));
            }
        }
        return results;
    }

    /** The contact's most recent events, newest first. */
    public List<ContactEvent> latest(String tenantId, String contactId, int limit) {
        return store.query(Keys.contact(tenantId, contactId), Keys.eventPrefix(), ContactEvent.class, limit, true);
    }

    private ItemResult recordOne(String tenantId, int index, EventDraft draft, Map<String, Boolean> knownContacts) {
        if (draft == null) {
            throw HeraldException.invalid("an event must be a JSON object");
        }
        ProfileRules.contactId(draft.contactId());
        ProfileRules.eventType(draft.type());
        ProfileRules.sizeAtMost("properties", draft.properties(), config.maxEventPropertiesBytes());
        if (draft.id() != null && (draft.id().isEmpty() || draft.id().length() > 128 || draft.id().chars().anyMatch(Character::isISOControl))) {
            throw HeraldException.invalid("id: 1 to 128 characters without control characters");
        }
        Instant now = clock.instant();
        Instant time = draft.time() == null ? now : draft.time();
        if (time.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw HeraldException.invalid("time: " + time + " is more than 24 hours in the future");
        }
        if (time.isBefore(now.minus(config.eventRetention()))) {
            throw HeraldException.invalid("time: " + time + " is older than the retention period (" + config.eventRetention().toDays() + " days)");
        }
        if (!knownContacts.computeIfAbsent(draft.contactId(), id -> contacts.exists(tenantId, id))) {
            throw HeraldException.notFound("contact", draft.contactId());
        }
        String pk = Keys.contact(tenantId, draft.contactId());
        String id = draft.id() == null ? UUID.randomUUID().toString() : draft.id();
        if (draft.id() != null) {
            time = claimId(pk, id, time);
        }
        ContactEvent event = new ContactEvent(id, draft.contactId(), draft.type(), time, draft.properties(), now);
        boolean written = store.putIfAbsent(Item.of(pk, Keys.eventSk(time, id), event).expiringAt(expiry(time)));
        return new ItemResult(index, id, written ? "created" : "duplicate", null);
    }

    /**
     * The time a caller's event id is stored under: the first post's. The claim is written before the event, so a
     * crash in between is repaired by the retry, which finds the claim and writes the event under the same key.
     */
    private Instant claimId(String pk, String id, Instant time) {
        for (int attempt = 0; attempt < 2; attempt++) {
            var claimed = store.get(pk, Keys.eventIdSk(id), EventIdClaim.class);
            if (claimed.isPresent()) {
                return claimed.get().time();
            }
            if (store.putIfAbsent(Item.of(pk, Keys.eventIdSk(id), new EventIdClaim(id, time)).expiringAt(expiry(time)))) {
                return time;
            }
        }
        throw HeraldException.conflict("event '" + id + "' is being recorded by another request; retry");
    }

    private long expiry(Instant time) {
        return time.plus(config.eventRetention()).getEpochSecond();
    }

    /** The idempotency record of a caller's event id. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record EventIdClaim(String id, Instant time) {
    }
}
