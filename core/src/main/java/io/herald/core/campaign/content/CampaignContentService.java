package io.herald.core.campaign.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactEvent;
import io.herald.core.contact.EventService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.GeneratedContent;
import io.herald.core.content.GenerationPlan;
import io.herald.core.content.TokenUsage;
import io.herald.core.content.generation.Composer;
import io.herald.core.content.generation.Composition;
import io.herald.core.content.generation.GenerationConfig;
import io.herald.core.content.generation.GenerationContext;
import io.herald.core.content.generation.LlmComposer;
import io.herald.core.content.generation.LlmFailure;
import io.herald.core.content.generation.ModelAvailability;
import io.herald.core.content.generation.ModelFailures;
import io.herald.core.content.guardrails.CheckResult;
import io.herald.core.content.prompt.ProfileFields;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.content.prompt.PromptService;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.store.Versioned;
import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaign content for the worker: one generation per content group and variant (or per recipient, under a token
 * budget), stored under a hash of everything that shaped it so that a re-run makes no model call. The model policy
 * suits a queue: nothing sleeps; a rate limit or an outage answers RETRY_LATER with the server's delay, and a
 * failure the model cannot recover from gives the template composer's content only when the campaign allows it,
 * else HELD.
 */
@ApplicationScoped
public class CampaignContentService {

    private static final Logger LOG = Logger.getLogger(CampaignContentService.class);
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    private static final String BUDGET_TOKENS = "tokens";
    private static final int MAX_REMEMBERED = 1_000;

    private final Store store;
    private final TenantService tenants;
    private final PromptService prompts;
    private final EventService events;
    private final Composer composer;
    private final ContentProgress progress;
    private final GenerationConfig generation;
    private final CampaignContentConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final LlmComposer llm;
    private final Map<Remembered, Memory> remembered = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public CampaignContentService(Store store, TenantService tenants, PromptService prompts, EventService events, Composer composer,
            ContentProgress progress, QueuedModelClient client, ModelAvailability availability, GenerationConfig generation,
            CampaignContentConfig config, ObjectMapper json, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.prompts = prompts;
        this.events = events;
        this.composer = composer;
        this.progress = progress;
        this.generation = generation;
        this.config = config;
        this.json = json;
        this.clock = clock;
        // the api's composer, pointed at the client whose guard does not retry
        this.llm = new LlmComposer(client, availability, json);
    }

    /**
     * A recipient's content group. A group whose key carries a hash of its value (a value that is not key-safe) is
     * registered once, so that the generate step can give the model the value behind the key.
     */
    public ContentGroup group(String tenantId, CampaignContentSpec spec, Contact contact) {
        ContentGroup group = contact == null ? ContentGroup.of(spec.defaultLanguage(), spec.groupBy(), null) : ContentGroup.of(spec, contact);
        if (group.key().contains(ContentGroup.HASHED) && registered.add(tenantId + "|" + spec.campaignId() + "|" + group.key())) {
            store.putIfAbsent(Item.of(Keys.campaignContent(tenantId, spec.campaignId()), Keys.campaignContentGroupSk(group.key()), group));
        }
        return group;
    }

    /** The group behind a key from {@link #group(String, CampaignContentSpec, Contact)}, as a queue message carries it. */
    public ContentGroup group(String tenantId, CampaignContentSpec spec, String groupKey) {
        if (groupKey.contains(ContentGroup.HASHED)) {
            return store.get(Keys.campaignContent(tenantId, spec.campaignId()), Keys.campaignContentGroupSk(groupKey), ContentGroup.class)
                    .orElseGet(() -> {
                        LOG.warnf("Campaign %s: group %s was never registered; its content is written without the group's value",
                                spec.campaignId(), groupKey);
                        return ContentGroup.parse(groupKey, spec.groupBy());
                    });
        }
        return ContentGroup.parse(groupKey, spec.groupBy());
    }

    /** The content of one group's variant: remembered, stored, or generated now. */
    public Prepared prepare(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId) {
        return remembered(tenantId, spec, group, variantId, true);
    }

    /** The group's content when it is ready (remembered or stored); never calls the model. */
    public Optional<CampaignContent> ready(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId) {
        Prepared prepared = remembered(tenantId, spec, group, variantId, false);
        return prepared.status() == Prepared.Status.READY ? Optional.of(prepared.content()) : Optional.empty();
    }

    private Prepared remembered(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, boolean generate) {
        Remembered key = new Remembered(tenantId, spec, group, variantId);
        Instant now = clock.instant();
        Memory memory = remembered.get(key);
        if (memory != null && memory.until().isAfter(now)) {
            return memory.prepared();
        }
        Prepared prepared = load(tenantId, spec, group, variantId, generate);
        if (prepared.status() != Prepared.Status.RETRY_LATER && !config.memory().isZero()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Memory(prepared, now.plus(config.memory())));
        }
        return prepared;
    }

    private Prepared load(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, boolean generate) {
        Setup setup = setup(tenantId, spec, group, variantId, null);
        String pk = Keys.campaignContent(tenantId, spec.campaignId());
        String sk = Keys.campaignContentSk(group.key(), variantId, setup.cacheKey());
        Optional<CampaignContent> stored = store.get(pk, sk, CampaignContent.class);
        if (stored.isPresent()) {
            return outcome(stored.get());
        }
        if (!generate) {
            return Prepared.retryLater(config.claimedRetryDelay(), "the content is not written yet");
        }
        String claimSk = Keys.campaignContentClaimSk(group.key(), variantId, setup.cacheKey());
        if (!claim(pk, claimSk)) {
            return Prepared.retryLater(config.claimedRetryDelay(), "another invocation is writing this content");
        }
        try {
            // the claimant before us may have finished between our read and our claim
            stored = store.get(pk, sk, CampaignContent.class);
            if (stored.isPresent()) {
                return outcome(stored.get());
            }
            return generate(tenantId, spec, group, variantId, setup, pk, sk);
        } finally {
            store.delete(pk, claimSk);
        }
    }

    /**
     * The content for one recipient: in per-recipient mode, written for them alone while the campaign's token budget
     * lasts; otherwise, and once the budget is spent or their call fails, the group's content.
     */
    public Prepared prepareFor(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, Contact contact) {
        if (spec.mode() != ContentMode.perRecipient || contact == null) {
            return prepare(tenantId, spec, group, variantId);
        }
        Setup setup = setup(tenantId, spec, group, variantId, contact.id());
        String pk = Keys.contact(tenantId, contact.id());
        String sk = Keys.recipientContentSk(spec.campaignId(), variantId, setup.cacheKey());
        Optional<CampaignContent> stored = store.get(pk, sk, CampaignContent.class);
        if (stored.isPresent()) {
            return Prepared.ready(stored.get());
        }
        String budgetPk = Keys.campaignContent(tenantId, spec.campaignId());
        long reserved = config.tokenReservation();
        // reserve before the call, so that concurrent invocations cannot together spend past the budget
        long spent = store.add(budgetPk, Keys.campaignTokenBudgetSk(), Map.of(BUDGET_TOKENS, reserved)).get(BUDGET_TOKENS);
        if (spent > (spec.tokenBudget() == null ? 0 : spec.tokenBudget())) {
            store.add(budgetPk, Keys.campaignTokenBudgetSk(), Map.of(BUDGET_TOKENS, -reserved));
            return prepare(tenantId, spec, group, variantId);
        }
        TokenUsage used = TokenUsage.NONE;
        try {
            GenerationPlan plan = setup.plan();
            List<ContactEvent> latest = plan.allowedFields().contains(ProfileFields.EVENTS) && generation.eventsInPrompt() > 0
                    ? events.latest(tenantId, contact.id(), generation.eventsInPrompt()) : List.of();
            ObjectNode profile = json.valueToTree(contact);
            GenerationContext ctx = plan.context(plan.minimize(profile), plan.recentEvents(latest, json), contact.attributes(), json);
            long started = System.nanoTime();
            Composition composition = llm.compose(ctx);
            used = composition.usage();
            GeneratedContent generated = plan.content(UUID.randomUUID().toString(), contact.id(), composition, millisSince(started),
                    clock.instant());
            progress.generated(tenantId, spec.campaignId(), generated);
            CampaignContent content = new CampaignContent(generated.id(), spec.campaignId(), group.key(), variantId,
                    setup.cacheKey(), contact.id(), spec.mergeFields(), null, generated, generated.createdAt());
            return Prepared.ready(keep(pk, sk, content));
        } catch (LlmFailure failure) {
            used = failure.usage();
            progress.failed(tenantId, spec.campaignId(), failure);
            LOG.infof("Campaign %s: content for one recipient fell back to the variant's content: %s", spec.campaignId(), failure.getMessage());
            return prepare(tenantId, spec, group, variantId);
        } finally {
            if (used.total() != reserved) {
                store.add(budgetPk, Keys.campaignTokenBudgetSk(), Map.of(BUDGET_TOKENS, used.total() - reserved));
            }
        }
    }

    /** The tokens per-recipient mode has spent (or reserved for calls under way) for the campaign. */
    public long tokensSpent(String tenantId, String campaignId) {
        return store.numbers(Keys.campaignContent(tenantId, campaignId), Keys.campaignTokenBudgetSk()).getOrDefault(BUDGET_TOKENS, 0L);
    }

    private Prepared generate(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, Setup setup,
            String pk, String sk) {
        GenerationContext ctx = setup.plan().context(groupProfile(setup.plan(), group), json.createArrayNode(), null, json);
        long started = System.nanoTime();
        Composition composition;
        try {
            composition = llm.compose(ctx);
        } catch (LlmFailure failure) {
            progress.failed(tenantId, spec.campaignId(), failure);
            if (mustWait(failure)) {
                Duration delay = retryDelay(failure);
                LOG.infof("Campaign %s, group %s, variant %s: %s; trying again in %s", spec.campaignId(), group.key(), variantId,
                        failure.getMessage(), delay);
                return Prepared.retryLater(delay, failure.getMessage());
            }
            if (spec.fallback() == ContentFallback.hold) {
                return hold(tenantId, spec, group, variantId, setup, pk, sk, "the model could not write it: " + failure.getMessage());
            }
            composition = composer.fromTemplate(ctx, failure);
        }
        GeneratedContent generated = setup.plan().content(UUID.randomUUID().toString(), null, composition, millisSince(started),
                clock.instant());
        if (composition.fallbackReason() == null) {
            progress.generated(tenantId, spec.campaignId(), generated);
        }
        if (!generated.checksPassed()) {
            List<String> failed = generated.variants().get(0).checks().stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
            return hold(tenantId, spec, group, variantId, setup, pk, sk, "the template composer's content fails the checks " + failed);
        }
        return Prepared.ready(keep(pk, sk, new CampaignContent(generated.id(), spec.campaignId(), group.key(), variantId,
                setup.cacheKey(), null, spec.mergeFields(), null, generated, generated.createdAt())));
    }

    private Prepared hold(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, Setup setup, String pk,
            String sk, String reason) {
        CampaignContent held = new CampaignContent(UUID.randomUUID().toString(), spec.campaignId(), group.key(), variantId,
                setup.cacheKey(), null, spec.mergeFields(), reason, null, clock.instant());
        if (store.putIfAbsent(Item.of(pk, sk, held))) {
            progress.held(tenantId, spec.campaignId());
            LOG.warnf("Campaign %s, group %s, variant %s held: %s", spec.campaignId(), group.key(), variantId, reason);
            return Prepared.held(reason);
        }
        return outcome(store.get(pk, sk, CampaignContent.class).orElseThrow());
    }

    /** Stores the content unless another invocation stored its own first; either way every message gets the same one. */
    private CampaignContent keep(String pk, String sk, CampaignContent content) {
        if (store.putIfAbsent(Item.of(pk, sk, content))) {
            return content;
        }
        return store.get(pk, sk, CampaignContent.class).orElse(content);
    }

    /** Takes the claim when nobody holds it or its holder's time ran out (a crashed invocation). */
    private boolean claim(String pk, String claimSk) {
        Instant now = clock.instant();
        GenerationClaim mine = new GenerationClaim(UUID.randomUUID().toString(), now.plus(config.claimDuration()));
        Item item = Item.of(pk, claimSk, mine).expiringAt(mine.until().plus(Duration.ofDays(1)).getEpochSecond());
        if (store.putIfAbsent(item)) {
            return true;
        }
        Optional<Versioned<GenerationClaim>> held = store.getVersioned(pk, claimSk, GenerationClaim.class);
        if (held.isEmpty()) {
            return store.putIfAbsent(item);
        }
        return held.get().value().until().isBefore(now) && store.replaceIfUnchanged(item, held.get());
    }

    private Setup setup(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId, String contactId) {
        VariantPrompt variant = spec.variant(variantId);
        TenantSettings settings = tenants.settings(tenantId);
        Prompt prompt = prompts.resolve(tenantId, variant.prompt(), Channel.email);
        String brand = settings.brandName() != null ? settings.brandName() : tenants.get(tenantId).name();
        Brief brief = new Brief(spec.brief().goal(), spec.brief().product(), spec.brief().ctaUrl(), spec.brief().tone(), group.language());
        String cacheKey = ContentCacheKey.of(prompt.hash(), brief, spec.parameters(), variantId, group, spec.mergeFieldNames(),
                settings, brand, contactId);
        // without a seed of the campaign's own, one derived from the key: the same inputs ask the same question
        int seed = spec.parameters() != null && spec.parameters().seed() != null ? spec.parameters().seed()
                : Integer.parseInt(cacheKey.substring(0, 7), 16);
        return new Setup(new GenerationPlan(Channel.email, null, brief, 1, prompt, spec.parameters(), settings, brand,
                spec.mergeFieldNames(), seed, generation.smsMaxSegments()), cacheKey);
    }

    /** What the model learns about a group: its language and its attribute value, when the tenant allows that attribute. */
    private ObjectNode groupProfile(GenerationPlan plan, ContentGroup group) {
        ObjectNode profile = json.createObjectNode().put("locale", group.language());
        if (group.attribute() != null && group.value() != null) {
            profile.putObject("attributes").put(group.attribute(), group.value());
        }
        return plan.minimize(profile);
    }

    private static Prepared outcome(CampaignContent stored) {
        return stored.held() ? Prepared.held(stored.heldReason()) : Prepared.ready(stored);
    }

    /** A rate limit, a server error, a timeout or an open circuit: the model will answer later, so the queue waits. */
    private static boolean mustWait(LlmFailure failure) {
        Throwable cause = failure.getCause();
        return cause != null && (ModelFailures.isTransient(cause) || ModelFailures.isCircuitOpen(cause));
    }

    private Duration retryDelay(LlmFailure failure) {
        Throwable cause = failure.getCause();
        Duration delay = ModelFailures.retryAfter(cause)
                .orElse(ModelFailures.isCircuitOpen(cause) ? generation.circuitDelay() : config.retryDelay());
        if (delay.compareTo(MIN_RETRY) < 0) {
            return MIN_RETRY;
        }
        return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private record Setup(GenerationPlan plan, String cacheKey) {
    }

    private record Remembered(String tenantId, CampaignContentSpec spec, ContentGroup group, String variantId) {
    }

    private record Memory(Prepared prepared, Instant until) {
    }
}
