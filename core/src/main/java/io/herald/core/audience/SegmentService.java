package io.herald.core.audience;

import io.herald.core.contact.ContactEvent;
import io.herald.core.contact.ContactsConfig;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Segments: named rules over a tenant's contacts, each change an immutable new version, so that a campaign which
 * pins a version keeps its audience definition whatever is edited later.
 */
@ApplicationScoped
public class SegmentService {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final int MAX_NAME = 200;
    /** Concurrent writers race for the next version number; each loser retries with the number after. */
    private static final int MAX_VERSION_ATTEMPTS = 20;
    /** Stored rules were checked against the retention of their day; a shorter retention later must not break them. */
    private static final Duration ANY_RETENTION = Duration.ofDays(36_500);

    private final Store store;
    private final Clock clock;
    private final AudienceConfig config;
    private final RuleParser parser;
    private final RuleParser storedParser = new RuleParser(ANY_RETENTION);

    public SegmentService(Store store, Clock clock, AudienceConfig config, ContactsConfig contacts) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.parser = new RuleParser(contacts.eventRetention());
    }

    /**
     * A stored version and whether this call stored it.
     *
     * @param created false when the call changed nothing (a retried create, or an update equal to the latest version)
     */
    public record Saved(Segment segment, boolean created) {
    }

    /**
     * Stores version 1 of a new segment. A create retried with the same id, name and rule returns the stored
     * version; the same id with another definition is a conflict (updates go through {@link #update}).
     */
    public Saved create(String tenantId, SegmentDraft draft) {
        Segment segment = validated(draft, draft == null || draft.id() == null ? newId() : requireId(draft.id()), 1);
        if (store.putIfAbsent(versionItem(tenantId, segment))) {
            writeHead(tenantId, segment);
            return new Saved(segment, true);
        }
        Segment first = store.get(Keys.segments(tenantId), Keys.segmentVersionSk(segment.id(), 1), Segment.class).orElseThrow();
        if (sameDefinition(first, segment)) {
            writeHead(tenantId, latest(tenantId, segment.id()).orElse(first));
            return new Saved(first, false);
        }
        throw HeraldException.conflict("segment '" + segment.id() + "' already exists; PUT /v1/segments/" + segment.id()
                + " writes a new version of it");
    }

    /** Stores the draft as the next version of an existing segment, unless it equals the latest version. */
    public Saved update(String tenantId, String segmentId, SegmentDraft draft) {
        requireId(segmentId);
        for (int attempt = 0; attempt < MAX_VERSION_ATTEMPTS; attempt++) {
            Segment latest = latest(tenantId, segmentId).orElseThrow(() -> HeraldException.notFound("segment", segmentId));
            Segment next = validated(draft, segmentId, latest.version() + 1);
            if (sameDefinition(latest, next)) {
                return new Saved(latest, false);
            }
            if (store.putIfAbsent(versionItem(tenantId, next))) {
                writeHead(tenantId, next);
                return new Saved(next, true);
            }
        }
        throw HeraldException.conflict("segment '" + segmentId + "' is being changed by many requests at once; try again");
    }

    /** One version of a segment, or its latest when {@code version} is null. */
    public Optional<Segment> find(String tenantId, String segmentId, Integer version) {
        if (segmentId == null || !ID.matcher(segmentId).matches()) {
            return Optional.empty();
        }
        if (version == null) {
            return latest(tenantId, segmentId);
        }
        return version < 1 ? Optional.empty()
                : store.get(Keys.segments(tenantId), Keys.segmentVersionSk(segmentId, version), Segment.class);
    }

    /** Like {@link #find}, but an absent segment or version is a not-found error naming it. */
    public Segment get(String tenantId, String segmentId, Integer version) {
        requireId(segmentId);
        if (version != null && version < 1) {
            throw HeraldException.invalid("version: must be 1 or more");
        }
        return find(tenantId, segmentId, version).orElseThrow(() -> version == null
                ? HeraldException.notFound("segment", segmentId)
                : HeraldException.notFound("segment version", segmentId + " v" + version));
    }

    /** The rule of a stored version, ready to evaluate. */
    Rule rule(Segment segment) {
        return storedParser.parse(segment.rule());
    }

    private Optional<Segment> latest(String tenantId, String segmentId) {
        return store.query(Keys.segments(tenantId), Keys.segmentVersionPrefix(segmentId), Segment.class, 1, true).stream().findFirst();
    }

    /** The list item: written after each version, so a crash in between is repaired by the next write. */
    private void writeHead(String tenantId, Segment segment) {
        store.put(Item.of(Keys.segments(tenantId), Keys.segmentHeadSk(segment.id()), new SegmentHead(segment.id())));
    }

    private static Item versionItem(String tenantId, Segment segment) {
        return Item.of(Keys.segments(tenantId), Keys.segmentVersionSk(segment.id(), segment.version()), segment);
    }

    private Segment validated(SegmentDraft draft, String id, int version) {
        if (draft == null) {
            throw HeraldException.invalid("a segment must be a JSON object with a name and a rule");
        }
        String name = draft.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw HeraldException.invalid("name: required, 1 to " + MAX_NAME + " characters without control characters");
        }
        Rule rule = parser.parse(draft.rule());
        return new Segment(id, version, name.strip(), rule.toJson(), clock.instant());
    }

    private static boolean sameDefinition(Segment stored, Segment candidate) {
        return stored.name().equals(candidate.name()) && stored.rule().equals(candidate.rule());
    }

    private static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw HeraldException.invalid("id: '" + id + "' must be 1 to 64 characters: a letter or digit, then letters, digits, '-' or '_'");
        }
        return id;
    }

    private static String newId() {
        return "seg-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The list entry of one segment; its versions hold the definitions. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SegmentHead(String id) {
    }
}
