package io.herald.core.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Page;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.store.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contact profiles: upsert, read, erase and export. */
@ApplicationScoped
public class ContactService {

    private static final int MAX_MERGE_ATTEMPTS = 5;

    private final Store store;
    private final ObjectMapper json;
    private final Clock clock;
    private final ContactsConfig config;

    /** Tells other capabilities (the suppression list) before the profile goes, so a failure leaves it to retry. */
    @Inject
    Event<ContactErasing> erasing;

    public ContactService(Store store, ObjectMapper json, Clock clock, ContactsConfig config) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** A contact after an upsert, and whether the upsert created it. */
    public record Upserted(Contact contact, boolean created) {
    }

    /**
     * Creates the contact or merges the draft into the stored one. A concurrent write in between makes the
     * conditional write fail and the merge is redone on fresh data; a contact that keeps changing under us is a
     * conflict the caller may retry.
     */
    public Upserted upsert(String tenantId, ContactDraft draft) {
        validate(draft);
        String pk = Keys.contact(tenantId, draft.id());
        for (int attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
            Optional<Versioned<Contact>> existing = store.getVersioned(pk, Keys.PROFILE_SK, Contact.class);
            Contact merged = merge(existing.map(Versioned::value).orElse(null), draft, clock.instant());
            Item item = profileItem(tenantId, merged);
            if (existing.isEmpty() ? store.putIfAbsent(item) : store.replaceIfUnchanged(item, existing.get())) {
                return new Upserted(merged, existing.isEmpty());
            }
        }
        throw HeraldException.conflict("contact '" + draft.id() + "' changed " + MAX_MERGE_ATTEMPTS + " times while it was being updated; retry");
    }

    /** A contact after a consent change, and whether anything changed (false: consent was withdrawn already). */
    public record ConsentChange(Contact contact, boolean changed) {
    }

    /**
     * Withdraws the contact's consent on one channel, with the source recorded for the audit trail. Never creates a
     * contact (an erased person stays erased); a consent already denied is left as it is, so a repeat changes nothing.
     */
    public Optional<ConsentChange> withdrawConsent(String tenantId, String contactId, String channel, String source) {
        ProfileRules.consentChannel(channel);
        String pk = Keys.contact(tenantId, contactId);
        for (int attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
            Optional<Versioned<Contact>> existing = store.getVersioned(pk, Keys.PROFILE_SK, Contact.class);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            Contact contact = existing.get().value();
            Map<String, Consent> consent = new HashMap<>(contact.consent() == null ? Map.of() : contact.consent());
            if (consent.get(channel) != null && consent.get(channel).status() == Consent.Status.denied) {
                return Optional.of(new ConsentChange(contact, false));
            }
            Instant now = clock.instant();
            consent.put(channel, new Consent(Consent.Status.denied, now, source));
            Contact withdrawn = new Contact(contact.id(), contact.email(), contact.attributes(), contact.timezone(), contact.locale(),
                    consent, contact.createdAt(), now);
            if (store.replaceIfUnchanged(profileItem(tenantId, withdrawn), existing.get())) {
                return Optional.of(new ConsentChange(withdrawn, true));
            }
        }
        throw HeraldException.conflict("contact '" + contactId + "' changed " + MAX_MERGE_ATTEMPTS + " times while its consent was being withdrawn; retry");
    }

    /** The stored form of a profile: in the tenant's walk index, and in the email index when it has an address. */
    private static Item profileItem(String tenantId, Contact contact) {
        Item item = Item.of(Keys.contact(tenantId, contact.id()), Keys.PROFILE_SK, contact).withWalk(tenantId, contact.id());
        return contact.email() == null ? item : item.withIndex(Keys.contactByEmail(tenantId, contact.email()), contact.id());
    }

    /**
     * Upserts each draft on its own: one bad contact is reported without holding back the others, and a store
     * failure half-way is reported per item, so the caller knows exactly which ones to send again.
     */
    public List<ItemResult> upsertAll(String tenantId, List<ContactDraft> drafts) {
        ProfileRules.batch("contacts", drafts, config.maxBatch());
        List<ItemResult> results = new ArrayList<>();
        for (int index = 0; index < drafts.size(); index++) {
            ContactDraft draft = drafts.get(index);
            String id = draft == null ? null : draft.id();
            try {
                results.add(new ItemResult(index, id, upsert(tenantId, draft).created() ? "created" : "updated", null));
            } catch (HeraldException e) {
                results.add(new ItemResult(index, id, "rejected", e.detail()));
            } catch (SdkException e) {
                results.add(new ItemResult(index, id, "rejected", ItemResult.STORE_UNAVAILABLE));
            }
        }
        return results;
    }

    public Contact get(String tenantId, String contactId) {
        return store.get(Keys.contact(tenantId, contactId), Keys.PROFILE_SK, Contact.class)
                .orElseThrow(() -> HeraldException.notFound("contact", contactId));
    }

    public Optional<Contact> find(String tenantId, String contactId) {
        return store.get(Keys.contact(tenantId, contactId), Keys.PROFILE_SK, Contact.class);
    }

    public boolean exists(String tenantId, String contactId) {
        return store.get(Keys.contact(tenantId, contactId), Keys.PROFILE_SK, Contact.class).isPresent();
    }

    /** Contacts of this tenant with this email address (normally one). */
    public List<Contact> findByEmail(String tenantId, String email) {
        ProfileRules.email(email);
        return store.queryIndex(Keys.contactByEmail(tenantId, email), Contact.class, 100);
    }

    /**
     * One page of the tenant's contacts, walking its {@link Keys#WALK_SHARDS} shards one after the other through
     * the sparse walk index: other tenants' items are never read. The cursor says which shard and where in it.
     */
    public Page<Contact> walk(String tenantId, String cursor, int limit) {
        int shard = 0;
        String inShard = null;
        if (cursor != null && !cursor.isEmpty()) {
            int dot = cursor.indexOf('.');
            try {
                shard = Integer.parseInt(dot < 0 ? cursor : cursor.substring(0, dot));
            } catch (NumberFormatException e) {
                shard = -1;
            }
            if (shard < 0 || shard >= Keys.WALK_SHARDS) {
                throw HeraldException.invalid("cursor: not a cursor of this list (pass back the 'next' value of the previous page unchanged)");
            }
            inShard = dot < 0 ? null : cursor.substring(dot + 1);
        }
        List<Contact> found = new ArrayList<>();
        while (shard < Keys.WALK_SHARDS && found.size() < limit) {
            Page<Contact> page = walkShard(tenantId, shard, inShard, limit - found.size());
            found.addAll(page.items());
            inShard = page.next();
            if (inShard == null) {
                shard++;
            }
        }
        String next = shard >= Keys.WALK_SHARDS ? null : inShard == null ? Integer.toString(shard) : shard + "." + inShard;
        return new Page<>(found, next);
    }

    /** One page of one walk shard, for callers that read the shards in parallel. */
    public Page<Contact> walkShard(String tenantId, int shard, String cursor, int limit) {
        return store.pageIndex(Keys.WALK, Keys.walkPartition(tenantId, shard), KeyRange.all(), Contact.class, cursor, limit, false);
    }

    /**
     * Erases the contact and everything Herald holds about the person: profile, events, generated content and the
     * campaign messages sent to them (their index entries go with the items).
     * Content items go first, so that a crash half-way leaves the pointers needed to finish on a retry.
     */
    public void erase(String tenantId, String contactId) {
        String pk = Keys.contact(tenantId, contactId);
        List<Map<String, AttributeValue>> items = store.partition(pk);
        if (items.isEmpty()) {
            throw HeraldException.notFound("contact", contactId);
        }
        List<Map<String, AttributeValue>> contentItems = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.startsWith(Keys.contentRefPrefix())) {
                String contentId = sk.substring(Keys.contentRefPrefix().length());
                contentItems.add(Map.of(Keys.PK, AttributeValue.fromS(Keys.content(tenantId, contentId)),
                        Keys.SK, AttributeValue.fromS(Keys.CONTENT_SK)));
            }
        }
        items.stream().filter(ContactService::isProfile).findFirst()
                .ifPresent(profile -> erasing.fire(new ContactErasing(tenantId, contactId, store.read(profile, Contact.class).email())));
        store.deleteAll(contentItems);
        List<Map<String, AttributeValue>> profileLast = new ArrayList<>(items);
        profileLast.sort((a, b) -> Boolean.compare(isProfile(a), isProfile(b)));
        store.deleteAll(profileLast);
    }

    /** Everything Herald holds about the person, as one JSON document (the right of access). */
    public ObjectNode export(String tenantId, String contactId) {
        String pk = Keys.contact(tenantId, contactId);
        List<Map<String, AttributeValue>> items = store.partition(pk);
        ObjectNode export = json.createObjectNode();
        export.put("exportedAt", clock.instant().toString());
        export.set("contact", null);
        var events = export.putArray("events");
        var content = export.putArray("content");
        var messages = export.putArray("messages");
        var campaignContent = export.putArray("campaignContent");
        var tracking = export.putArray("trackingEvents");
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.PROFILE_SK)) {
                export.set("contact", store.read(item, JsonNode.class));
            } else if (sk.startsWith(Keys.eventPrefix())) {
                events.add(store.read(item, JsonNode.class));
            } else if (sk.startsWith(Keys.messagePrefix())) {
                messages.add(store.read(item, JsonNode.class));
            } else if (sk.startsWith(Keys.contentRefPrefix())) {
                String contentId = sk.substring(Keys.contentRefPrefix().length());
                store.get(Keys.content(tenantId, contentId), Keys.CONTENT_SK, JsonNode.class).ifPresent(content::add);
            } else if (sk.startsWith(Keys.recipientContentPrefix())) {
                campaignContent.add(store.read(item, JsonNode.class));
            } else if (sk.startsWith(Keys.trackEventsPrefix())) {
                tracking.add(store.read(item, JsonNode.class));
            }
        }
        if (export.get("contact").isNull()) {
            throw HeraldException.notFound("contact", contactId);
        }
        return export;
    }

    private void validate(ContactDraft draft) {
        if (draft == null) {
            throw HeraldException.invalid("a contact must be a JSON object");
        }
        ProfileRules.contactId(draft.id());
        ProfileRules.email(draft.email());
        ProfileRules.timezone(draft.timezone());
        ProfileRules.locale(draft.locale());
        ProfileRules.sizeAtMost("attributes", draft.attributes(), config.maxAttributesBytes());
        if (draft.consent() != null) {
            draft.consent().forEach((channel, consent) -> {
                ProfileRules.consentChannel(channel);
                if (consent == null || consent.status() == null) {
                    throw HeraldException.invalid("consent." + channel + ".status: required, one of granted, denied, unknown");
                }
                if (consent.source() != null && consent.source().length() > ProfileRules.MAX_CONSENT_SOURCE) {
                    throw HeraldException.invalid("consent." + channel + ".source: at most " + ProfileRules.MAX_CONSENT_SOURCE + " characters");
                }
            });
        }
    }

    private Contact merge(Contact existing, ContactDraft draft, Instant now) {
        ObjectNode attributes = existing == null || existing.attributes() == null ? json.createObjectNode() : existing.attributes().deepCopy();
        if (draft.attributes() != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = draft.attributes().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    attributes.remove(field.getKey());
                } else {
                    attributes.set(field.getKey(), field.getValue());
                }
            }
        }
        ProfileRules.sizeAtMost("attributes", attributes, config.maxAttributesBytes());
        Map<String, Consent> consent = new HashMap<>(existing == null || existing.consent() == null ? Map.of() : existing.consent());
        if (draft.consent() != null) {
            draft.consent().forEach((channel, given) -> consent.put(channel,
                    new Consent(given.status(), given.updatedAt() == null ? now : given.updatedAt(), given.source())));
        }
        return new Contact(draft.id(),
                draft.email() != null ? draft.email() : existing == null ? null : existing.email(),
                attributes,
                draft.timezone() != null ? draft.timezone() : existing == null ? null : existing.timezone(),
                draft.locale() != null ? ProfileRules.locale(draft.locale()) : existing == null ? null : existing.locale(),
                consent,
                existing == null ? now : existing.createdAt(),
                now);
    }

    private static boolean isProfile(Map<String, AttributeValue> item) {
        return Keys.PROFILE_SK.equals(item.get(Keys.SK).s());
    }
}
