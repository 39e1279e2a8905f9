package io.herald.core.tracking;

import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.SuppressionReason;
import io.herald.core.delivery.Suppressions;
import io.herald.core.delivery.Unsubscribes;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.store.Update;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the events of one track job, inside the job's tenant only (README, "Applying events: the track worker"). Per event: find the
 * message (Herald's id, then the provider's), suppress the address for a hard bounce, complaint or unsubscribe,
 * classify, claim "first of its kind" on the message item, store the event once; per job: add the counters of the
 * new events and fire {@link EventsApplied}. Every step is idempotent, so a job redelivered after a failure half-way
 * finishes without counting anything twice.
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    /** Stored events of one message read to classify an open or click; a message with more is judged on these. */
    static final int MAX_ACTIVITY = 500;
    private static final Set<String> PROVIDER_SOURCES = Set.of("sendgrid", "mailgun", "postmark", "ses");
    private static final String STATUS = "status";

    private final Messages messages;
    private final Suppressions suppressions;
    private final BotClassifier classifier;
    private final EngagementCounters counters;
    private final Event<EventsApplied> applied;
    private final Store store;
    private final TrackFailureHook hook;
    private final Clock clock;

    public EventApplier(Messages messages, Suppressions suppressions, BotClassifier classifier, EngagementCounters counters,
            Event<EventsApplied> applied, Store store, TrackFailureHook hook, Clock clock) {
        this.messages = messages;
        this.suppressions = suppressions;
        this.classifier = classifier;
        this.counters = counters;
        this.applied = applied;
        this.store = store;
        this.hook = hook;
        this.clock = clock;
    }

    /** Applies a job received for the first time; answers the events stored for the first time. */
    public List<StoredEvent> apply(TrackJob job) {
        return apply(job, false);
    }

    /**
     * Applies the job; answers the events stored for the first time. A failure (the store, say) propagates so that
     * the job is redelivered, but only after the events stored so far were counted and announced: on the
     * redelivery they are duplicates, and would otherwise never be counted. On a redelivery ({@code redelivered}),
     * the events found stored already are announced again but not counted again: the announcement before may have
     * failed (outbound webhooks could not be queued), and their webhook ids are stable, so a receiver that got
     * them the first time drops the repeat.
     */
    public List<StoredEvent> apply(TrackJob job, boolean redelivered) {
        List<StoredEvent> fresh = new ArrayList<>();
        List<StoredEvent> again = new ArrayList<>();
        Map<String, Optional<Subject>> subjects = new HashMap<>();
        try {
            for (TrackedEvent event : job.events()) {
                Optional<StoredEvent> stored = applyOne(job, event, subjects, redelivered ? again : null);
                if (stored.isPresent()) {
                    fresh.add(stored.get());
                    hook.afterStored(event.eventId());
                }
            }
        } catch (RuntimeException failure) {
            count(job.tenantId(), fresh);
            try {
                announce(job.tenantId(), fresh, again);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed); // the redelivery announces them again
            }
            throw failure;
        }
        count(job.tenantId(), fresh);
        announce(job.tenantId(), fresh, again);
        return fresh;
    }

    private Optional<StoredEvent> applyOne(TrackJob job, TrackedEvent received, Map<String, Optional<Subject>> subjects,
            List<StoredEvent> storedBefore) {
        String tenant = job.tenantId();
        if (received == null || received.eventId() == null || received.eventId().isBlank() || received.type() == null) {
            LOG.warnf("a %s event for tenant %s without an id or a type is dropped", job.source(), tenant);
            return Optional.empty();
        }
        MessageRef ref = received.message() == null ? new MessageRef(null, null, null, null, null) : received.message();
        if (ref.tenantId() != null && !ref.tenantId().equals(tenant)) {
            LOG.warnf("event %s was received for tenant %s but claims tenant %s: refused, not applied", received.eventId(), tenant, ref.tenantId());
            return Optional.empty();
        }
        TrackedEvent event = received.occurredAt() != null ? received
                : new TrackedEvent(received.eventId(), received.type(), job.receivedAt() != null ? job.receivedAt() : clock.instant(), ref,
                        received.evidence(), received.detail());
        Optional<Subject> found = resolve(tenant, ref, subjects);
        if (found.isEmpty()) {
            unattributed(job, event, ref);
            return Optional.empty();
        }
        Subject subject = found.get();
        MessageRecord record = subject.record;
        suppress(job, event, record.to() != null ? record.to() : ref.recipient());
        Classification classification = classify(event, subject);
        Attribution attribution = new Attribution(tenant, record.campaignId(), record.content() == null ? null : record.content().variant(),
                record.messageId(), record.contactId(), record.test());
        String eventKey = Keys.trackEventKey(event.eventId());
        String kind = MetricDeltas.uniquenessKind(new StoredEvent(event, attribution, classification, false, null));
        Boolean unique = claimFirst(subject.key, kind, eventKey, event.occurredAt());
        if (unique == null) {
            LOG.infof("event %s: message %s of tenant %s is gone (its contact was erased); not stored", event.eventId(), record.messageId(), tenant);
            return Optional.empty();
        }
        StoredEvent stored = new StoredEvent(event, attribution, classification, unique, clock.instant());
        Item item = Item.of(subject.key.pk(), Keys.trackEventSk(record.campaignId(), eventKey), stored)
                .withAttribute(Keys.WALK_PK, Keys.campaignEvents(tenant, record.campaignId(), Keys.campaignShard(record.messageId())))
                .withAttribute(Keys.WALK_SK, Keys.trackEventWalkSk(event.occurredAt(), eventKey));
        if (!store.putIfAbsent(item)) {
            LOG.debugf("event %s is a duplicate: applied before, nothing changes", event.eventId());
            if (storedBefore != null) {
                store.get(item.pk(), item.sk(), StoredEvent.class).ifPresent(storedBefore::add);
            }
            return Optional.empty();
        }
        if (subject.earlier != null) {
            subject.earlier.add(stored);
        }
        return Optional.of(stored);
    }

    /**
     * One UpdateItem on the message: {@code first.<kind>} set to this event's key unless another event holds it, with
     * the time beside it. The same event asking again gets the same answer (a redelivery after a crash between this
     * and the event's put). Answers null when the message item is gone.
     */
    private Boolean claimFirst(MessageKey key, String kind, String eventKey, Instant occurredAt) {
        Update claim = Update.of().set(DeliveryStatus.FIRST + kind, eventKey).set(DeliveryStatus.FIRST_AT + kind, occurredAt.toEpochMilli())
                .ifExists().ifAbsentOrEquals(DeliveryStatus.FIRST + kind, eventKey);
        if (store.update(key.pk(), key.sk(), claim).isPresent()) {
            return true;
        }
        return store.attribute(key.pk(), key.sk(), STATUS).isPresent() ? Boolean.FALSE : null;
    }

    /** A message found nowhere in the tenant: only a suppression can still come of it, and only for its address. */
    private void unattributed(TrackJob job, TrackedEvent event, MessageRef ref) {
        if (suppressionReason(event) != null && ref.recipient() != null && !ref.recipient().isBlank()) {
            suppress(job, event, ref.recipient());
            LOG.infof("%s event %s names no message of tenant %s: its address is suppressed, the event is not stored",
                    event.type(), event.eventId(), job.tenantId());
            return;
        }
        LOG.infof("%s event %s names no message of tenant %s: dropped", event.type(), event.eventId(), job.tenantId());
    }

    /** Before the event is stored, so that a crash after storing it cannot leave the address unsuppressed. */
    private void suppress(TrackJob job, TrackedEvent event, String address) {
        SuppressionReason reason = suppressionReason(event);
        if (reason == null) {
            return;
        }
        if (address == null || address.isBlank()) {
            LOG.warnf("%s event %s of tenant %s names no address: nothing to suppress", event.type(), event.eventId(), job.tenantId());
            return;
        }
        try {
            if (!suppressions.isSuppressed(job.tenantId(), address)) {
                suppressions.add(job.tenantId(), address, reason, sourceOf(job));
            }
        } catch (HeraldException invalid) {
            LOG.warnf("%s event %s of tenant %s: the address is not valid (%s); not suppressed", event.type(), event.eventId(),
                    job.tenantId(), invalid.getMessage());
        }
    }

    static SuppressionReason suppressionReason(TrackedEvent event) {
        return switch (event.type()) {
            case bounce -> event.detail().bounce() == Bounce.hard ? SuppressionReason.hard_bounce : null;
            case complaint -> SuppressionReason.complaint;
            case unsubscribe -> SuppressionReason.unsubscribe;
            default -> null;
        };
    }

    /** The suppression's source: {@code sendgrid webhook}, the one-click unsubscribe's own, or the job's source. */
    static String sourceOf(TrackJob job) {
        String source = job.source() == null || job.source().isBlank() ? "track" : job.source().strip();
        if (PROVIDER_SOURCES.contains(source)) {
            return source + " webhook";
        }
        if (source.equals(UnsubscribeTracking.SOURCE)) {
            return Unsubscribes.SOURCE;
        }
        String clean = source.replaceAll("\\p{Cntrl}", "");
        return clean.isEmpty() ? "track" : clean.substring(0, Math.min(clean.length(), 100));
    }

    private Classification classify(TrackedEvent event, Subject subject) {
        List<StoredEvent> earlier = event.type() == EventType.open || event.type() == EventType.click ? subject.earlier() : List.of();
        return classifier.classify(event, new MessageActivity(subject.record.sentAt(), earlier));
    }

    private Optional<Subject> resolve(String tenant, MessageRef ref, Map<String, Optional<Subject>> subjects) {
        Optional<Subject> found = Optional.empty();
        if (ref.messageId() != null && !ref.messageId().isBlank()) {
            found = lookUp(subjects, "id|" + ref.messageId(), () -> messages.locateById(tenant, ref.messageId()));
        }
        if (found.isEmpty() && ref.provider() != null && ref.providerMessageId() != null && !ref.providerMessageId().isBlank()) {
            found = lookUp(subjects, "provider|" + ref.provider() + "|" + ref.providerMessageId(),
                    () -> messages.locateByProviderId(tenant, ref.provider(), ref.providerMessageId()));
        }
        return found.filter(subject -> tenant.equals(subject.record.tenantId()));
    }

    /**
     * One look-up per way of naming a message per job, and one subject per message item however the job's events
     * name it, so that they share one activity list.
     */
    private Optional<Subject> lookUp(Map<String, Optional<Subject>> subjects, String name, java.util.function.Supplier<Optional<Messages.Located>> query) {
        Optional<Subject> known = subjects.get(name);
        if (known != null) {
            return known;
        }
        Optional<Subject> subject = query.get().map(located -> {
            String itemKey = "item|" + located.key().pk() + "|" + located.key().sk();
            Optional<Subject> same = subjects.get(itemKey);
            if (same == null) {
                same = Optional.of(new Subject(located.key(), located.record()));
                subjects.put(itemKey, same);
            }
            return same.orElseThrow();
        });
        subjects.put(name, subject);
        return subject;
    }

    /** Counters are caches the reconcile restores: a failure to add them is logged, never a reason to redeliver. */
    private void count(String tenantId, List<StoredEvent> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        try {
            counters.add(fresh);
        } catch (RuntimeException e) {
            LOG.errorf(e, "the counters of %d new events of tenant %s were not added; the reconcile restores them", fresh.size(), tenantId);
        }
    }

    /**
     * The CDI event, for outbound webhooks. A failing observer fails the job, so that SQS redelivers it and the
     * redelivery announces the events again (see {@link #apply(TrackJob, boolean)}): a webhook is delivered at
     * least once, never silently lost.
     */
    private void announce(String tenantId, List<StoredEvent> fresh, List<StoredEvent> again) {
        if (fresh.isEmpty() && again.isEmpty()) {
            return;
        }
        List<StoredEvent> events = new ArrayList<>(again);
        events.addAll(fresh);
        applied.fire(new EventsApplied(tenantId, List.copyOf(events)));
    }

    /** A message of the job, and its stored events once an open or click needed them. */
    private final class Subject {
        final MessageKey key;
        final MessageRecord record;
        List<StoredEvent> earlier;

        Subject(MessageKey key, MessageRecord record) {
            this.key = key;
            this.record = record;
        }

        List<StoredEvent> earlier() {
            if (earlier == null) {
                earlier = new ArrayList<>(store.query(key.pk(), Keys.trackEventPrefix(record.campaignId()), StoredEvent.class, MAX_ACTIVITY, false)
                        .stream().filter(e -> e.attribution() != null && record.messageId().equals(e.attribution().messageId()))
                        .sorted(Comparator.comparing(e -> e.event().occurredAt())).toList());
            }
            return List.copyOf(earlier);
        }
    }
}
