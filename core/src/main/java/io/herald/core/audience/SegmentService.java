package io.herald.core.audience;

import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactEvent;
import io.herald.core.contact.ContactService;
import io.herald.core.contact.ContactsConfig;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
    /** Contacts per walk query: large enough to amortize the round trip, small enough to stop soon after the budget. */
    private static final int WALK_PAGE = 100;
    private static final int EVENT_PAGE = 1_000;
    /** How long past the budget a preview waits for a store call in flight before answering without it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Store store;
    private final ContactService contacts;
    private final Clock clock;
    private final AudienceConfig config;
    private final RuleParser parser;
    private final RuleParser storedParser = new RuleParser(ANY_RETENTION);
    /** Threads for store round trips in parallel (shards of a preview, event reads of a walk step); idle ones expire. */
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "herald-audience");
        thread.setDaemon(true);
        return thread;
    });

    public SegmentService(Store store, ContactService contacts, Clock clock, AudienceConfig config, ContactsConfig contactsConfig) {
        this.store = store;
        this.contacts = contacts;
        this.clock = clock;
        this.config = config;
        this.parser = new RuleParser(contactsConfig.eventRetention());
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
            writeHead(tenantId, first);
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

    /** One page of the tenant's segments in id order, each at its latest version. */
    public Page<Segment> list(String tenantId, String cursor, int limit) {
        Page<SegmentHead> heads = store.page(Keys.segments(tenantId), KeyRange.prefix(Keys.segmentHeadPrefix()), SegmentHead.class,
                cursor, limit, false);
        List<Segment> latest = new ArrayList<>();
        heads.items().forEach(head -> latest(tenantId, head.id()).ifPresent(latest::add));
        return new Page<>(latest, heads.next());
    }

    /**
     * One step of walking a pinned segment's audience (see {@link AudiencePage}): at most {@code limit} matching
     * contacts, after evaluating at most {@code max-evaluated-per-page}. The next cursor is the contact walk's, exact
     * to the contact, so a walk resumed from a stored cursor never skips or repeats anyone.
     */
    public AudiencePage matches(String tenantId, SegmentRef ref, String cursor, int limit) {
        if (limit < 1) {
            throw HeraldException.invalid("limit: must be 1 or more (was " + limit + ")");
        }
        if (ref == null) {
            throw HeraldException.invalid("segment: required, the id and version of the audience");
        }
        Segment segment = find(tenantId, ref.id(), ref.version())
                .orElseThrow(() -> HeraldException.notFound("segment version", ref.id() + " v" + ref.version()));
        Rule rule = rule(segment);
        Instant now = clock.instant();
        List<Contact> matched = new ArrayList<>();
        int evaluated = 0;
        String next = cursor;
        do {
            int ask = Math.min(limit - matched.size(), config.maxEvaluatedPerPage() - evaluated);
            Page<Contact> page = contacts.walk(tenantId, next, ask);
            boolean[] verdicts = evaluateAll(tenantId, rule, page.items(), now);
            for (int index = 0; index < verdicts.length; index++) {
                if (verdicts[index]) {
                    matched.add(page.items().get(index));
                }
            }
            evaluated += verdicts.length;
            next = page.next();
        } while (next != null && matched.size() < limit && evaluated < config.maxEvaluatedPerPage());
        return new AudiencePage(matched, next, evaluated);
    }

    /**
     * Counts a segment version over the tenant's contacts, the walk's shards in parallel, until done or until the
     * budget is spent: then the answer says {@code complete: false} and how many were evaluated, never a timeout.
     */
    public Preview preview(String tenantId, String segmentId, Integer version) {
        Segment segment = get(tenantId, segmentId, version);
        return new AudienceCount(tenantId, rule(segment), clock.instant()).run(segment.ref());
    }

    /**
     * Each contact's verdict, in order. A rule with event conditions costs a query per contact, so the contacts are
     * then split over up to {@code preview-parallelism} threads; a rule without them is CPU only and runs here.
     */
    private boolean[] evaluateAll(String tenantId, Rule rule, List<Contact> page, Instant now) {
        boolean[] verdicts = new boolean[page.size()];
        int slices = rule.needsEvents() ? Math.min(page.size(), Math.max(1, config.previewParallelism())) : 1;
        if (slices <= 1) {
            for (int index = 0; index < page.size(); index++) {
                verdicts[index] = evaluate(tenantId, rule, page.get(index), now);
            }
            return verdicts;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            running.add(workers.submit(() -> {
                for (int index = first; index < page.size(); index += slices) {
                    verdicts[index] = evaluate(tenantId, rule, page.get(index), now);
                }
            }));
        }
        for (Future<?> slice : running) {
            try {
                slice.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating a segment", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return verdicts;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Whether the contact matches at {@code now}; its events are read only if the answer depends on them. */
    private boolean evaluate(String tenantId, Rule rule, Contact contact, Instant now) {
        return RuleEvaluator.matches(rule, contact, () -> eventsSince(tenantId, contact.id(), now.minus(rule.widestWindow())), now);
    }

    /** One preview: the shards walked by a small pool, counters shared, the budget on the monotonic clock. */
    private final class AudienceCount {
        private final String tenantId;
        private final Rule rule;
        private final Instant now;
        private final long started = System.nanoTime();
        private final long deadline = started + config.previewBudget().toNanos();
        private final AtomicLong evaluated = new AtomicLong();
        private final AtomicLong count = new AtomicLong();
        private final List<PreviewContact> sample = java.util.Collections.synchronizedList(new ArrayList<>());

        AudienceCount(String tenantId, Rule rule, Instant now) {
            this.tenantId = tenantId;
            this.rule = rule;
            this.now = now;
        }

        Preview run(SegmentRef ref) {
            boolean complete = true;
            List<Future<Boolean>> shards = new ArrayList<>();
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(Math.max(1, config.previewParallelism()));
            for (int shard = 0; shard < Keys.WALK_SHARDS; shard++) {
                int walked = shard;
                shards.add(workers.submit(() -> {
                    slots.acquire();
                    try {
                        return walk(walked);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<Boolean> shard : shards) {
                complete &= finished(shard);
            }
            List<PreviewContact> shown;
            synchronized (sample) {
                shown = sample.stream().sorted(java.util.Comparator.comparing(PreviewContact::id)).toList();
            }
            return new Preview(ref, count.get(), evaluated.get(), complete, shown, now,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        /** Walks one shard; answers whether it reached the shard's end within the budget. */
        private boolean walk(int shard) {
            String cursor = null;
            do {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Page<Contact> page = contacts.walkShard(tenantId, shard, cursor, WALK_PAGE);
                for (Contact contact : page.items()) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    boolean matches = evaluate(tenantId, rule, contact, now);
                    evaluated.incrementAndGet();
                    if (matches) {
                        count.incrementAndGet();
                        synchronized (sample) {
                            if (sample.size() < config.previewSample()) {
                                sample.add(new PreviewContact(contact.id(), contact.email(), contact.locale()));
                            }
                        }
                    }
                }
                cursor = page.next();
            } while (cursor != null);
            return true;
        }

        /** A shard's outcome; a shard still busy (a slow store call) past the budget's grace counts as unfinished. */
        private boolean finished(Future<Boolean> shard) {
            long wait = deadline + GRACE.toNanos() - System.nanoTime();
            try {
                return shard.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                shard.cancel(true);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
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

    /**
     * The contact's events a rule can see: those at or after {@code from}, newest first, at most
     * {@code max-events-per-contact} of them.
     */
    private List<ContactEvent> eventsSince(String tenantId, String contactId, Instant from) {
        List<ContactEvent> events = new ArrayList<>();
        String cursor = null;
        do {
            int limit = Math.min(EVENT_PAGE, config.maxEventsPerContact() - events.size());
            Page<ContactEvent> page = store.page(Keys.contact(tenantId, contactId), KeyRange.between(Keys.eventsFrom(from), Keys.eventsEnd()),
                    ContactEvent.class, cursor, limit, true);
            events.addAll(page.items());
            cursor = page.next();
        } while (cursor != null && events.size() < config.maxEventsPerContact());
        return events;
    }
}
