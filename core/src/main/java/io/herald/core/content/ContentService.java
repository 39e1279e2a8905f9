package io.herald.core.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.ContactEvent;
import io.herald.core.contact.ContactService;
import io.herald.core.contact.ContactsConfig;
import io.herald.core.contact.EventService;
import io.herald.core.content.generation.Composer;
import io.herald.core.content.generation.Composition;
import io.herald.core.content.generation.GenerationConfig;
import io.herald.core.content.generation.GenerationContext;
import io.herald.core.content.generation.ModelAvailability;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.content.prompt.PromptService;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/** Generates personalized content for a contact or an inline profile, checks it, and stores it with its audit record. */
@ApplicationScoped
public class ContentService {

    private static final Logger LOG = Logger.getLogger(ContentService.class);

    private final Store store;
    private final TenantService tenants;
    private final ContactService contacts;
    private final EventService events;
    private final PromptService prompts;
    private final Composer composer;
    private final GenerationConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ManagedExecutor executor;
    private final ModelAvailability availability;
    private final ContactsConfig contactsConfig;

    public ContentService(Store store, TenantService tenants, ContactService contacts, EventService events,
            PromptService prompts, Composer composer, GenerationConfig config, ObjectMapper json, Clock clock,
            ManagedExecutor executor, ModelAvailability availability, ContactsConfig contactsConfig) {
        this.store = store;
        this.tenants = tenants;
        this.contacts = contacts;
        this.events = events;
        this.prompts = prompts;
        this.composer = composer;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.executor = executor;
        this.availability = availability;
        this.contactsConfig = contactsConfig;
    }

    public GeneratedContent generate(String tenantId, GenerationRequest raw) {
        GenerationRequest request = GenerationRequests.validate(raw, contactsConfig.maxAttributesBytes());
        requireAllowedModel(request.parameters());
        long started = System.nanoTime();
        // The four reads are independent: issued together they cost one DynamoDB round trip instead of four.
        CompletableFuture<TenantSettings> settingsRead = executor.supplyAsync(() -> tenants.settings(tenantId));
        CompletableFuture<Prompt> promptRead = executor.supplyAsync(() -> prompts.resolve(tenantId, request.prompt(), request.channel()));
        CompletableFuture<ObjectNode> profileRead = request.contactId() != null
                ? executor.supplyAsync(() -> json.valueToTree(contacts.get(tenantId, request.contactId())))
                : CompletableFuture.completedFuture(json.valueToTree(request.profile()));
        CompletableFuture<List<ContactEvent>> eventsRead = request.contactId() != null && config.eventsInPrompt() > 0
                ? executor.supplyAsync(() -> events.latest(tenantId, request.contactId(), config.eventsInPrompt()))
                : CompletableFuture.completedFuture(List.of());
        TenantSettings settings = join(settingsRead);
        Prompt prompt = join(promptRead);
        ObjectNode profile = join(profileRead);
        List<ContactEvent> latestEvents = join(eventsRead);
        String id = UUID.randomUUID().toString();
        // The pointer that lets erasure find the content must be stored before the content; written now, it costs no
        // time on top of the model call. If generation then fails, a pointer to nothing is harmless to erasure and export.
        CompletableFuture<Void> pointerWritten = request.contactId() == null ? CompletableFuture.completedFuture(null)
                : executor.runAsync(() -> store.put(Item.of(Keys.contact(tenantId, request.contactId()), Keys.contentRefSk(id),
                        new ContentRef(id, clock.instant()))));
        String brand = settings.brandName() != null ? settings.brandName() : tenants.get(tenantId).name();
        int seed = request.parameters() != null && request.parameters().seed() != null
                ? request.parameters().seed() : ThreadLocalRandom.current().nextInt(0, Integer.MAX_VALUE);
        GenerationPlan plan = new GenerationPlan(request.channel(), request.network(), request.brief(), request.variants(), prompt,
                request.parameters(), settings, brand, List.of(), seed, config.smsMaxSegments());
        GenerationContext ctx = plan.context(plan.minimize(profile), plan.recentEvents(latestEvents, json), profile.get("attributes"), json);

        Composition composition = composer.compose(ctx);

        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        GeneratedContent content = plan.content(id, request.contactId(), composition, latencyMs, clock.instant());
        join(pointerWritten);
        store.put(Item.of(Keys.content(tenantId, id), Keys.CONTENT_SK, content));
        LOG.infof("Generated content %s: channel %s, %d variant(s), source %s, %d ms", id, request.channel(),
                request.variants(), composition.source(), latencyMs);
        return content;
    }

    public GeneratedContent get(String tenantId, String contentId) {
        return store.get(Keys.content(tenantId, contentId), Keys.CONTENT_SK, GeneratedContent.class)
                .orElseThrow(() -> HeraldException.notFound("content", contentId));
    }

    /**
     * A tenant may name only the models the operator allows ({@code herald.generation.allowed-models}, else just the
     * configured default model), so that no tenant can run up the bill on an expensive one.
     */
    public void requireAllowedModel(ModelParameters parameters) {
        if (parameters == null || parameters.model() == null) {
            return;
        }
        List<String> allowedModels = config.allowedModels().orElse(List.of(availability.defaultModel()));
        if (!allowedModels.contains(parameters.model())) {
            throw HeraldException.invalid("parameters.model: '" + parameters.model() + "' is not allowed; allowed: " + allowedModels);
        }
    }

    /** The value of a finished read, or the exception it threw (a HeraldException stays a HeraldException). */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
