package io.herald.core.campaign.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.campaign.RatePacer;
import io.herald.core.campaign.SendTimePlanner;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.contact.Contact;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.store.Update;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code plan} step, once a minute: for each due campaign, walk its audience page by page from the stored
 * cursor, give each recipient a send instant (schedule, zone, window, quiet hours, then a slot of the rate pacer),
 * put those due within the horizon on the send queue with a delay, keep later ones by due minute, and drain the
 * kept ones as their minute comes. The algorithm and its crash cases are in the README ("Planning").
 */
@ApplicationScoped
public class CampaignPlanner {

    private static final Logger LOG = Logger.getLogger(CampaignPlanner.class);
    static final String POSITION = "position";
    static final String PLANNED = "planned";
    private static final int DRAIN_LIMIT = 100;

    private final CampaignService campaigns;
    private final CampaignProgress progress;
    private final Audience audience;
    private final ContentSource content;
    private final PlannedRecipients later;
    private final Queues queues;
    private final Store store;
    private final ObjectMapper json;
    private final PlanConfig config;
    private final Clock clock;
    private final PlanFailureHook hook;

    public CampaignPlanner(CampaignService campaigns, CampaignProgress progress, Audience audience, ContentSource content,
            PlannedRecipients later, Queues queues, Store store, ObjectMapper json, PlanConfig config, Clock clock,
            PlanFailureHook hook) {
        this.campaigns = campaigns;
        this.progress = progress;
        this.audience = audience;
        this.content = content;
        this.later = later;
        this.queues = queues;
        this.store = store;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.hook = hook;
    }

    /** What one tick did. */
    public record TickReport(int campaigns, long queued, long planned) {
    }

    public TickReport tick() {
        Instant started = clock.instant();
        Instant deadline = started.plus(config.tickBudget());
        long queued = 0;
        long planned = 0;
        List<Campaign> due = campaigns.dueCampaigns(started);
        for (Campaign campaign : due) {
            try {
                long[] done = plan(campaign, deadline);
                queued += done[0];
                planned += done[1];
            } catch (RuntimeException e) {
                // One campaign's trouble does not hold up the others; it is due again next minute.
                LOG.errorf(e, "planning campaign %s of tenant %s failed", campaign.id(), campaign.tenantId());
            }
        }
        return new TickReport(due.size(), queued, planned);
    }

    /** Plans one campaign within the deadline; answers {queued, planned}. */
    long[] plan(Campaign campaign, Instant deadline) {
        Instant now = clock.instant();
        if (campaign.status() == CampaignStatus.scheduled) {
            Optional<Campaign> started = campaigns.start(campaign.tenantId(), campaign.id(), now);
            if (started.isEmpty()) {
                return new long[] {0, 0};
            }
            campaign = started.get();
        }
        return campaign.status() == CampaignStatus.running ? planRunning(campaign, now, deadline) : new long[] {0, 0};
    }

    private long[] planRunning(Campaign campaign, Instant now, Instant deadline) {
        String pk = Keys.campaign(campaign.tenantId(), campaign.id());
        PlanState state = store.get(pk, Keys.PLAN_SK, PlanState.class).orElse(null);
        boolean exists = state != null;
        state = exists ? state : PlanState.initial();
        RatePacer pacer = RatePacer.restore(campaign.rateLimitPerMinute(), state.pacer());
        pacer.forgetBefore(now);
        SendTimePlanner times = campaign.planner();
        Instant horizon = now.plus(config.horizon());
        long queued = drain(campaign, times, pacer, now, horizon);
        long planned = 0;
        Set<ContentGroup> groups = new LinkedHashSet<>();
        while (!state.walked() && clock.instant().isBefore(deadline)) {
            AudiencePage page = audience.matches(campaign.tenantId(), new SegmentRef(campaign.segment().id(), campaign.segment().version()),
                    state.cursor(), config.pageSize());
            List<QueueMessage> soon = new ArrayList<>();
            Map<Long, List<PlannedBatch.Recipient>> byMinute = new HashMap<>();
            Instant lastDue = state.lastDue();
            for (Contact contact : page.contacts()) {
                Instant at = times.sendTime(contact.timezone(), now, pacer);
                lastDue = lastDue == null || at.isAfter(lastDue) ? at : lastDue;
                groups.add(content.group(campaign, contact));
                if (!at.isAfter(horizon)) {
                    soon.add(sendMessage(campaign, contact.id(), Duration.between(now, at)));
                } else {
                    byMinute.computeIfAbsent(at.getEpochSecond() / 60, m -> new ArrayList<>())
                            .add(new PlannedBatch.Recipient(contact.id(), at, contact.timezone()));
                }
            }
            enqueueGenerations(campaign, groups);
            queues.sendAll(queues.sendQueue(), soon);
            hook.at(PlanFailureHook.Point.AFTER_ENQUEUE_BEFORE_ADVANCE, campaign.id());
            long pageNumber = state.pages();
            byMinute.forEach((minute, recipients) -> later.put(campaign.tenantId(), campaign.id(),
                    new PlannedBatch(minute, "p" + pageNumber, recipients)));
            PlanState next = new PlanState(page.next(), page.next() == null, pageNumber + 1, pacer.usage(), lastDue);
            if (!advance(pk, exists, state, next, page.contacts().size())) {
                LOG.warnf("campaign %s: another planner moved the cursor; leaving this campaign to it", campaign.id());
                return new long[] {queued + soon.size(), planned};
            }
            hook.at(PlanFailureHook.Point.AFTER_ADVANCE, campaign.id());
            exists = true;
            state = next;
            planned += page.contacts().size();
            queued += soon.size();
            progress.record(campaign.tenantId(), campaign.id(), Map.of(CampaignProgress.PLANNED, (long) page.contacts().size(),
                    CampaignProgress.QUEUED, (long) soon.size()));
        }
        if (state.walked()) {
            finishOrDefer(campaign, pk, now, state);
        } else {
            campaigns.deferDue(campaign.tenantId(), campaign.id(), now);
        }
        return new long[] {queued, planned};
    }

    /** Cursor, pacer slots and planned counter move together, only if the cursor is still the one read. */
    private boolean advance(String pk, boolean exists, PlanState read, PlanState next, long plannedNow) {
        Update update = Update.of().doc(next).set(POSITION, next.position()).add(PLANNED, plannedNow);
        update = exists ? update.ifEquals(POSITION, read.position()) : update.ifAbsent(POSITION);
        return store.update(pk, Keys.PLAN_SK, update).isPresent();
    }

    /** Kept recipients whose minute is within the horizon; one that is late (a pause, a slow tick) gets a fresh slot. */
    private long drain(Campaign campaign, SendTimePlanner times, RatePacer pacer, Instant now, Instant horizon) {
        long queued = 0;
        for (PlannedBatch batch : later.dueBy(campaign.tenantId(), campaign.id(), horizon, DRAIN_LIMIT)) {
            List<QueueMessage> messages = new ArrayList<>();
            for (PlannedBatch.Recipient recipient : batch.recipients()) {
                Instant at = recipient.dueAt().isBefore(now) ? times.sendTime(recipient.timezone(), now, pacer) : recipient.dueAt();
                messages.add(sendMessage(campaign, recipient.contactId(), Duration.between(now, at)));
            }
            queues.sendAll(queues.sendQueue(), messages);
            hook.at(PlanFailureHook.Point.AFTER_DRAIN_ENQUEUE, campaign.id());
            later.remove(campaign.tenantId(), campaign.id(), batch);
            queued += messages.size();
        }
        if (queued > 0) {
            progress.record(campaign.tenantId(), campaign.id(), Map.of(CampaignProgress.QUEUED, queued));
        }
        return queued;
    }

    /**
     * A walked campaign completes once every planned recipient has an outcome; the counters are caches, so one
     * that stays short well past its last send completes after the grace period.
     */
    private void finishOrDefer(Campaign campaign, String pk, Instant now, PlanState state) {
        Optional<PlannedBatch> waiting = later.first(campaign.tenantId(), campaign.id());
        if (waiting.isPresent()) {
            Instant next = Instant.ofEpochSecond(waiting.get().epochMinute() * 60).minus(config.horizon());
            campaigns.deferDue(campaign.tenantId(), campaign.id(), next.isAfter(now) ? next : now.plusSeconds(60));
            return;
        }
        long planned = store.numbers(pk, Keys.PLAN_SK).getOrDefault(PLANNED, 0L);
        long outcomes = outcomes(progress.totals(campaign.tenantId(), campaign.id()));
        boolean graceOver = state.lastDue() == null || now.isAfter(state.lastDue().plus(config.completionGrace()));
        if (outcomes >= planned || graceOver) {
            campaigns.complete(campaign.tenantId(), campaign.id());
        } else {
            campaigns.deferDue(campaign.tenantId(), campaign.id(), now.plusSeconds(60));
        }
    }

    static long outcomes(Map<String, Long> totals) {
        long sum = 0;
        for (Map.Entry<String, Long> counter : totals.entrySet()) {
            String name = counter.getKey();
            if (name.equals(CampaignProgress.SENT) || name.equals(CampaignProgress.UNKNOWN) || name.equals(CampaignProgress.SUPPRESSED)
                    || name.startsWith("failed.") || name.startsWith("skipped.")) {
                sum += counter.getValue();
            }
        }
        return sum;
    }

    /**
     * Each group x variant is enqueued once, however often a page is replayed: the job goes on the queue first and
     * its marker is written after, so a crash in between re-enqueues it on the replay (a duplicate job finds the
     * content stored or claimed and makes no second model call) instead of leaving the group without content.
     */
    private void enqueueGenerations(Campaign campaign, Set<ContentGroup> groups) {
        String pk = Keys.campaign(campaign.tenantId(), campaign.id());
        List<QueueMessage> jobs = new ArrayList<>();
        List<Item> markers = new ArrayList<>();
        for (ContentGroup group : groups) {
            for (VariantSpec variant : campaign.variants()) {
                Item marker = Item.of(pk, Keys.generationSk(group.key(), variant.id()), Map.of("group", group.key(), "variant", variant.id()));
                if (store.get(marker.pk(), marker.sk(), Map.class).isEmpty()) {
                    jobs.add(QueueMessage.now(write(new GenerateJob(campaign.tenantId(), campaign.id(), group, variant.id(), null))));
                    markers.add(marker);
                }
            }
        }
        queues.sendAll(queues.generateQueue(), jobs);
        hook.at(PlanFailureHook.Point.AFTER_GENERATION_ENQUEUE, campaign.id());
        markers.forEach(store::putIfAbsent);
        groups.clear();
    }

    private QueueMessage sendMessage(Campaign campaign, String contactId, Duration delay) {
        return new QueueMessage(write(SendJob.recipient(campaign.tenantId(), campaign.id(), contactId)), delay);
    }

    private String write(Object job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + job.getClass().getSimpleName(), e);
        }
    }
}
