package io.herald.core.campaign;

import io.herald.core.content.PromptRef;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.content.prompt.PromptService;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Campaigns: creation with every reference checked, reads, cursor-paged lists, and the state machine. Each
 * transition is one conditional write on the native {@code status} attribute of the campaign's item, so two
 * concurrent transitions cannot both apply; the same write adds the campaign to the planner's sparse due index
 * (gsi2) or takes it out.
 */
@ApplicationScoped
public class CampaignService {

    /** The native attribute every transition is conditioned on. */
    static final String STATUS = "status";
    private static final int MAX_CREATE_ATTEMPTS = 5;
    private static final int MAX_TRANSITION_ATTEMPTS = 5;
    private static final Set<CampaignStatus> PAUSABLE = EnumSet.of(CampaignStatus.scheduled, CampaignStatus.running);

    private final Store store;
    private final Clock clock;
    private final PromptService prompts;
    private final SegmentCatalog segments;
    private final SendingSetup sending;
    private final CampaignsConfig config;

    public CampaignService(Store store, Clock clock, PromptService prompts, SegmentCatalog segments, SendingSetup sending,
            CampaignsConfig config) {
        this.store = store;
        this.clock = clock;
        this.prompts = prompts;
        this.segments = segments;
        this.sending = sending;
        this.config = config;
    }

    /** Checks the draft and every reference in it, pins the segment and prompt versions, and stores it as a draft. */
    public Campaign create(String tenantId, CampaignDraft draft) {
        if (draft == null) {
            throw HeraldException.invalid("a campaign must be a JSON object");
        }
        Instant now = clock.instant();
        String name = CampaignRules.name(draft.name());
        var channel = CampaignRules.channel(draft.channel());
        var brief = CampaignRules.brief(draft.brief());
        CampaignRules.variants(draft.variants());
        CampaignRules.segment(draft.segment());
        Sender sender = CampaignRules.sender(draft.sender());
        if (draft.provider() == null) {
            throw HeraldException.invalid("provider: required, one of " + List.of(ProviderKind.values()));
        }
        Schedule schedule = CampaignRules.schedule(draft.schedule() == null ? Schedule.now() : draft.schedule(), now);
        CampaignRules.window(draft.sendWindow(), draft.quietHours());
        int rate = CampaignRules.rateLimit(draft.rateLimitPerMinute(), config.defaultRateLimitPerMinute());
        ContentOptions content = CampaignRules.content(draft.content(), brief, draft.variants());

        List<VariantSpec> variants = pinPrompts(tenantId, draft.variants());
        CampaignSegment segment = pinSegment(tenantId, draft.segment());
        checkSending(tenantId, draft.provider(), sender);

        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            Campaign campaign = new Campaign(newId(now), tenantId, name, channel, CampaignStatus.draft, brief, variants, segment, sender,
                    draft.provider(), schedule, draft.sendWindow(), draft.quietHours(), rate, content, null, null, now, now);
            if (store.putIfAbsent(item(campaign))) {
                return campaign;
            }
        }
        throw new IllegalStateException("could not find a free campaign id");
    }

    public Campaign get(String tenantId, String campaignId) {
        return find(tenantId, campaignId).orElseThrow(() -> HeraldException.notFound("campaign", campaignId));
    }

    public Optional<Campaign> find(String tenantId, String campaignId) {
        if (campaignId == null || campaignId.isEmpty() || campaignId.length() > 64) {
            return Optional.empty();
        }
        return store.get(Keys.campaigns(tenantId), Keys.campaignSk(campaignId), Campaign.class);
    }

    /** The tenant's campaigns, newest first. */
    public Page<Campaign> list(String tenantId, String cursor, int limit) {
        return store.page(Keys.campaigns(tenantId), KeyRange.prefix(Keys.campaignPrefix()), Campaign.class, cursor, limit, true);
    }

    /** draft to scheduled: checks the schedule again (time has passed since creation) and the sending set-up. */
    public Campaign schedule(String tenantId, String campaignId) {
        return move(tenantId, campaignId, "scheduled", EnumSet.of(CampaignStatus.draft), campaign -> {
            Instant now = clock.instant();
            CampaignRules.schedule(campaign.schedule(), now);
            checkSending(tenantId, campaign.provider(), campaign.sender());
            return campaign.moved(CampaignStatus.scheduled, null, firstDue(campaign.schedule(), now), now);
        });
    }

    /** scheduled or running to paused: the planner stops planning it and the send step stops sending it. */
    public Campaign pause(String tenantId, String campaignId) {
        return move(tenantId, campaignId, "paused", PAUSABLE,
                campaign -> campaign.moved(CampaignStatus.paused, campaign.status(), campaign.dueAt(), clock.instant()));
    }

    /** paused back to the state it was paused in, due again at once if its due time has passed. */
    public Campaign resume(String tenantId, String campaignId) {
        return move(tenantId, campaignId, "resumed", EnumSet.of(CampaignStatus.paused), campaign -> {
            Instant now = clock.instant();
            Instant due = campaign.dueAt() == null || campaign.dueAt().isBefore(now) ? now : campaign.dueAt();
            CampaignStatus back = campaign.pausedFrom() == null ? CampaignStatus.scheduled : campaign.pausedFrom();
            return campaign.moved(back, null, due, now);
        });
    }

    /** Any state but completed and cancelled to cancelled: final, nothing more is planned or sent. */
    public Campaign cancel(String tenantId, String campaignId) {
        return move(tenantId, campaignId, "cancelled",
                EnumSet.of(CampaignStatus.draft, CampaignStatus.scheduled, CampaignStatus.running, CampaignStatus.paused),
                campaign -> campaign.moved(CampaignStatus.cancelled, null, null, clock.instant()));
    }

    /**
     * For the send step, before each send: whether the campaign is running. One consistent read of one attribute,
     * so a pause or cancel is seen by the very next send.
     */
    public boolean isSendable(String tenantId, String campaignId) {
        return store.attribute(Keys.campaigns(tenantId), Keys.campaignSk(campaignId), STATUS)
                .map(CampaignStatus.running.name()::equals).orElse(false);
    }

    /**
     * For the planner: scheduled and running campaigns whose due time is at or before {@code now}, across tenants,
     * from the sparse due index (gsi2, partitions {@code DUE#0} to {@code DUE#3}). The index is eventually consistent:
     * act on one only through {@link #start}, {@link #deferDue} or {@link #complete}, which check the stored state.
     */
    public List<Campaign> dueCampaigns(Instant now) {
        List<Campaign> due = new ArrayList<>();
        for (int shard = 0; shard < Keys.DUE_SHARDS; shard++) {
            due.addAll(store.pageIndex(Keys.GSI2, Keys.duePartition(shard), KeyRange.atMost(Keys.dueUpTo(now)), Campaign.class,
                    null, config.duePerShard(), false).items());
        }
        due.sort(java.util.Comparator.comparing(Campaign::dueAt));
        return due;
    }

    /** For the planner: scheduled to running; empty when the campaign is no longer scheduled (paused, cancelled, started). */
    public Optional<Campaign> start(String tenantId, String campaignId, Instant nextDue) {
        return transition(tenantId, campaignId, EnumSet.of(CampaignStatus.scheduled),
                campaign -> campaign.moved(CampaignStatus.running, null, nextDue, clock.instant())).moved();
    }

    /** For the planner: when to look at a scheduled or running campaign next; empty when it is neither any more. */
    public Optional<Campaign> deferDue(String tenantId, String campaignId, Instant nextDue) {
        return transition(tenantId, campaignId, PAUSABLE, campaign -> campaign.withDue(nextDue, clock.instant())).moved();
    }

    /** For the planner: running to completed once every recipient is planned and sent; empty when it is not running. */
    public Optional<Campaign> complete(String tenantId, String campaignId) {
        return transition(tenantId, campaignId, EnumSet.of(CampaignStatus.running),
                campaign -> campaign.moved(CampaignStatus.completed, null, null, clock.instant())).moved();
    }

    /** The campaign after a transition, or the campaign as found when its state did not allow it. */
    private record Outcome(Campaign campaign, boolean applied) {
        Optional<Campaign> moved() {
            return applied ? Optional.of(campaign) : Optional.empty();
        }
    }

    private Campaign move(String tenantId, String campaignId, String verb, Set<CampaignStatus> from, UnaryOperator<Campaign> change) {
        Outcome outcome = transition(tenantId, campaignId, from, change);
        if (!outcome.applied()) {
            throw HeraldException.conflict("campaign '" + campaignId + "' is " + outcome.campaign().status() + "; only a campaign that is "
                    + String.join(" or ", from.stream().map(Enum::name).toList()) + " can be " + verb);
        }
        return outcome.campaign();
    }

    /** Read, decide, write on condition that the status is still the one read; a lost race reads again. */
    private Outcome transition(String tenantId, String campaignId, Set<CampaignStatus> from, UnaryOperator<Campaign> change) {
        for (int attempt = 0; attempt < MAX_TRANSITION_ATTEMPTS; attempt++) {
            Campaign current = get(tenantId, campaignId);
            if (!from.contains(current.status())) {
                return new Outcome(current, false);
            }
            Campaign next = change.apply(current);
            if (store.replaceIfAttribute(item(next), STATUS, current.status().name())) {
                return new Outcome(next, true);
            }
        }
        throw HeraldException.conflict("campaign '" + campaignId + "' is being changed by many requests at once; try again");
    }

    /** The campaign's item: in the due index exactly while scheduled or running. */
    private static Item item(Campaign campaign) {
        Item item = Item.of(Keys.campaigns(campaign.tenantId()), Keys.campaignSk(campaign.id()), campaign)
                .withAttribute(STATUS, campaign.status().name());
        if (campaign.status().isDue() && campaign.dueAt() != null) {
            item = item.withIndex2(Keys.duePartition(Keys.dueShard(campaign.tenantId(), campaign.id())),
                    Keys.dueSk(campaign.dueAt(), campaign.tenantId(), campaign.id()));
        }
        return item;
    }

    /** When the planner first looks: now, the instant, or when the local time first comes round anywhere on Earth. */
    static Instant firstDue(Schedule schedule, Instant now) {
        Instant due = switch (schedule.type()) {
            case now -> now;
            case at -> schedule.at();
            case localTime -> schedule.date().atTime(schedule.time()).toInstant(CampaignRules.FIRST_OFFSET);
        };
        return due.isBefore(now) ? now : due;
    }

    private List<VariantSpec> pinPrompts(String tenantId, List<VariantSpec> variants) {
        List<VariantSpec> pinned = new ArrayList<>();
        double weight = 1.0 / variants.size();
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec variant = variants.get(i);
            PromptRef prompt = variant.prompt();
            if (prompt != null) {
                prompt = pinPrompt(tenantId, "variants[" + i + "].prompt", prompt);
            }
            pinned.add(new VariantSpec(variant.id(), prompt, weight));
        }
        return List.copyOf(pinned);
    }

    private PromptRef pinPrompt(String tenantId, String field, PromptRef ref) {
        try {
            Prompt prompt = prompts.get(tenantId, ref.name(), ref.version());
            return new PromptRef(prompt.name(), prompt.version());
        } catch (HeraldException e) {
            if (e.kind() == HeraldException.Kind.NOT_FOUND) {
                throw HeraldException.invalid(field + ": prompt '" + ref.name() + "'" + (ref.version() == null ? "" : " version " + ref.version())
                        + " does not exist; create it with POST /v1/prompts");
            }
            throw HeraldException.invalid(field + "." + e.detail());
        }
    }

    private CampaignSegment pinSegment(String tenantId, CampaignSegment segment) {
        Integer version = segments.pinnedVersion(tenantId, segment.id(), segment.version()).orElseThrow(() -> HeraldException.invalid(
                "segment: '" + segment.id() + "'" + (segment.version() == null ? "" : " version " + segment.version()) + " does not exist"));
        return new CampaignSegment(segment.id(), version);
    }

    private void checkSending(String tenantId, ProviderKind provider, Sender sender) {
        if (!sending.isConfigured(tenantId, provider)) {
            throw HeraldException.invalid("provider: '" + provider + "' has no credentials for this tenant; add them with PUT /v1/providers/" + provider);
        }
        List<String> domains = sending.senderDomains(tenantId);
        if (!CampaignRules.isSenderDomain(sender.domain(), domains)) {
            throw HeraldException.invalid("sender.from: the domain '" + sender.domain() + "' is not one of the tenant's senderDomains "
                    + domains + "; add it in PUT /v1/settings");
        }
    }

    /** Hex milliseconds first (fixed width), so ids, and with them the list, sort by creation time. */
    private static String newId(Instant now) {
        return String.format("cmp%011x%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    }
}
