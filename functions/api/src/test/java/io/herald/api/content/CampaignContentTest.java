package io.herald.api.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.CampaignContentService;
import io.herald.core.campaign.content.CampaignContentSpec;
import io.herald.core.campaign.content.CheckContext;
import io.herald.core.campaign.content.ContentFallback;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.ContentMode;
import io.herald.core.campaign.content.EmailAssembler;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.campaign.content.MergeFields;
import io.herald.core.campaign.content.PreSendChecks;
import io.herald.core.campaign.content.PreSendResult;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.campaign.content.VariantPrompt;
import io.herald.core.contact.Contact;
import io.herald.core.content.Brief;
import io.herald.core.content.Source;
import io.herald.core.delivery.OutboundEmail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.herald.api.content.ContentTestSupport.CTA;
import static io.herald.api.content.OpenAiStubs.answer;
import static io.herald.api.content.OpenAiStubs.email;
import static io.herald.api.content.OpenAiStubs.fixtureAnswer;
import static io.herald.api.content.OpenAiStubs.requests;
import static io.herald.api.content.OpenAiStubs.variants;
import static org.assertj.core.api.Assertions.assertThat;

/** Campaign content as the worker prepares it, against dynalite and WireMock as the model. */
@QuarkusTest
@HeraldStack
@QuarkusTestResource(value = GenerationTestConfig.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = CampaignContentTest.Config.class, restrictToAnnotatedClass = false)
class CampaignContentTest {

    /**
     * A model timeout that a loaded test machine cannot exceed by accident (the api's tests use 1s on purpose), and no
     * in-memory reuse, so that every prepare reads the store and a re-run proves the stored cache.
     */
    public static class Config implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("herald.campaign-content.model-timeout", "15s", "herald.campaign-content.memory", "0s");
        }

        @Override
        public void stop() {
        }
    }

    private static final String HTML = "<p>Hi {{firstName}},</p><p>Our spring range just landed.</p><p><a href=\"" + CTA + "\">Shop</a></p>";
    private static final List<String> VARIANTS = List.of("a", "b", "c");

    @Inject
    CampaignContentService service;

    @Inject
    CampaignProgress progress;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    ObjectMapper json;

    private Api.TestTenant tenant;

    @BeforeEach
    void reset() {
        OpenAiStubs.server().resetAll();
        circuitBreakers.resetAll();
        tenant = ContentTestSupport.tenant(List.of("locale", "attributes.tier", "attributes.firstName"), List.of("example.com"), List.of());
    }

    private static CampaignContentSpec spec(ContentFallback fallback, ContentMode mode, Long budget) {
        return new CampaignContentSpec("camp-" + UUID.randomUUID().toString().substring(0, 8),
                new Brief("Bring back customers who have not ordered for 90 days", "the Spring Collection", CTA, "warm", null),
                VARIANTS.stream().map(id -> new VariantPrompt(id, null)).toList(), "tier", List.of(new MergeField("firstName", "there")),
                fallback, mode, budget, "en", null).validate();
    }

    private Contact contact(String id, String locale, String tier, String firstName) {
        ObjectNode attributes = json.createObjectNode().put("firstName", firstName);
        if (tier != null) {
            attributes.put("tier", tier);
        }
        return new Contact(id, id + "@private.example", attributes, "Europe/London", locale, Map.of(), null, null);
    }

    /** Twenty recipients in five groups: en.gold, en.silver, en._, zh.gold, zh._. */
    private List<Contact> audience() {
        List<Contact> contacts = new ArrayList<>();
        String[][] kinds = {{"en-GB", "gold"}, {"en-US", "silver"}, {null, null}, {"zh-CN", "gold"}, {"zh-TW", null}};
        for (int i = 0; i < 20; i++) {
            String[] kind = kinds[i % kinds.length];
            contacts.add(contact("c" + i, kind[0], kind[1], "Zorblax" + i));
        }
        return contacts;
    }

    private static Set<ContentGroup> groups(CampaignContentSpec spec, List<Contact> contacts) {
        Set<ContentGroup> groups = new LinkedHashSet<>();
        contacts.forEach(contact -> groups.add(ContentGroup.of(spec, contact)));
        return groups;
    }

    @Test
    void fiveGroupsTimesThreeVariantsMakeFifteenModelCallsAndAReRunMakesNone() {
        answer("groups", variants(email("Spring for {{firstName}}", HTML)));
        CampaignContentSpec spec = spec(ContentFallback.hold, ContentMode.perVariant, null);
        List<Contact> audience = audience();
        Set<ContentGroup> groups = groups(spec, audience);
        assertThat(groups).extracting(ContentGroup::key).containsExactlyInAnyOrder("en.gold", "en.silver", "en._", "zh.gold", "zh._");

        List<String> ids = new ArrayList<>();
        for (ContentGroup group : groups) {
            for (String variant : VARIANTS) {
                Prepared prepared = service.prepare(tenant.id(), spec, group, variant);
                assertThat(prepared.status()).isEqualTo(Prepared.Status.READY);
                assertThat(prepared.content().generated().source()).isEqualTo(Source.llm);
                ids.add(prepared.content().id());
            }
        }
        List<LoggedRequest> calls = requests();
        assertThat(calls).hasSize(15);
        assertThat(progress.read(tenant.id(), spec.campaignId()).model().calls()).isEqualTo(15);
        assertThat(progress.totals(tenant.id(), spec.campaignId())).containsEntry("tokens.input.gpt-4-0613", 15 * 13L)
                .containsEntry("tokens.output.gpt-4-0613", 15 * 5L);
        // the prompt learns the group's language and tier, never a person
        assertThat(calls).allSatisfy(call -> assertThat(call.getBodyAsString()).doesNotContain("Zorblax", "private.example", "Europe/London")
                .contains("{{firstName}}"));
        assertThat(calls).anySatisfy(call -> assertThat(call.getBodyAsString()).contains("\\\"tier\\\":\\\"gold\\\"", "Chinese (zh)"));

        OpenAiStubs.server().resetRequests();
        List<String> again = new ArrayList<>();
        for (ContentGroup group : groups(spec, audience)) {
            for (String variant : VARIANTS) {
                again.add(service.prepare(tenant.id(), spec, group, variant).content().id());
            }
        }
        assertThat(requests()).isEmpty();
        assertThat(again).isEqualTo(ids);
    }

    @Test
    void aGroupWhoseValueIsNotKeySafeIsFoundByItsKeyAndTheModelLearnsItsValue() {
        answer("hashed", variants(email("Spring for {{firstName}}", HTML)));
        CampaignContentSpec spec = spec(ContentFallback.hold, ContentMode.perVariant, null);
        ContentGroup group = service.group(tenant.id(), spec, contact("c-v", "en-GB", "VIP Plus", "Ana"));
        assertThat(group.key()).startsWith("en.~");
        // the generate step gets only the key from its queue message
        ContentGroup fromKey = service.group(tenant.id(), spec, group.key());
        assertThat(fromKey).isEqualTo(group);
        assertThat(service.ready(tenant.id(), spec, fromKey, "a")).isEmpty();
        assertThat(requests()).isEmpty();
        assertThat(service.prepare(tenant.id(), spec, fromKey, "a").status()).isEqualTo(Prepared.Status.READY);
        assertThat(requests()).singleElement().satisfies(call -> assertThat(call.getBodyAsString()).contains("VIP Plus"));
        assertThat(service.ready(tenant.id(), spec, fromKey, "a")).isPresent();
    }

    @Test
    void theContentIsRenderedPerRecipientAndPassesThePreSendChecks() {
        answer("render", variants(email("Spring for {{firstName}}", HTML)));
        CampaignContentSpec spec = spec(ContentFallback.hold, ContentMode.perVariant, null);
        Contact hostile = contact("c-x", "en-GB", "gold", "<a href=\"https://evil.example\">{{lastName}}</a>");
        CampaignContent content = service.prepare(tenant.id(), spec, ContentGroup.of(spec, hostile), "a").content();
        MergeFields.Rendered rendered = MergeFields.render(content.variant(), hostile, content.mergeFields());
        String unsubscribe = "https://api.herald.example/u/token";
        OutboundEmail email = EmailAssembler.assemble(new EmailAssembler.Envelope("m-1", tenant.id(), "news@example.com", null,
                hostile.email(), Map.of()), rendered, new EmailAssembler.Footer("Acme", "1 Market Street, London", unsubscribe, "en"));
        PreSendResult result = PreSendChecks.check(email, new CheckContext(unsubscribe, "1 Market Street, London", CTA, List.of("example.com"), rendered));
        assertThat(result.passed()).as(result.describeFailures()).isTrue();
        assertThat(email.subject()).isEqualTo("Spring for there");
        assertThat(content.stamp().variantId()).isEqualTo("a");
        assertThat(content.stamp().promptName()).isEqualTo("builtin.email");
        assertThat(content.stamp().promptHash()).hasSize(64);
        assertThat(content.generated().parameters().seed()).isEqualTo(content.generated().seed());
    }

    @Test
    void aRateLimitGivesRetryLaterWithTheServersDelayWithoutSleeping() {
        answer("rate-limit", OpenAiStubs.rateLimited("7"), variants(email("Spring for {{firstName}}", HTML)));
        CampaignContentSpec spec = spec(ContentFallback.template, ContentMode.perVariant, null);
        ContentGroup group = ContentGroup.of("en", "tier", "gold");
        long started = System.nanoTime();
        Prepared prepared = service.prepare(tenant.id(), spec, group, "a");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(prepared.status()).isEqualTo(Prepared.Status.RETRY_LATER);
        assertThat(prepared.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(prepared.reason()).contains("rate limit");
        assertThat(tookMs).isLessThan(3_000);
        assertThat(requests()).hasSize(1);
        // nothing was stored for the group: the next attempt asks the model again and succeeds
        assertThat(service.prepare(tenant.id(), spec, group, "a").status()).isEqualTo(Prepared.Status.READY);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void anOutageGivesRetryLaterWithTheConfiguredDelayEvenWhenTheTemplateIsAllowed() {
        answer("outage", OpenAiStubs.serverError());
        Prepared prepared = service.prepare(tenant.id(), spec(ContentFallback.template, ContentMode.perVariant, null),
                ContentGroup.of("en", null, null), "b");
        assertThat(prepared.status()).isEqualTo(Prepared.Status.RETRY_LATER);
        assertThat(prepared.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aModelThatCannotWriteTheContentGivesTheTemplateOnlyWhenTheCampaignAllowsIt() {
        // not JSON twice: the first answer and its repair
        answer("not-json", fixtureAnswer("openai-chat-completion-ok.json"));
        ContentGroup group = ContentGroup.of("zh", "tier", "gold");

        Prepared templated = service.prepare(tenant.id(), spec(ContentFallback.template, ContentMode.perVariant, null), group, "a");
        assertThat(templated.status()).isEqualTo(Prepared.Status.READY);
        assertThat(templated.content().generated().source()).isEqualTo(Source.template);
        assertThat(templated.content().generated().fallbackReason()).isEqualTo("checks failed after one repair: format");
        assertThat(templated.content().variant().html()).contains(CTA);
        assertThat(templated.content().variant().subject()).contains("Spring Collection");
        assertThat(requests()).hasSize(2);

        CampaignContentSpec holding = spec(ContentFallback.hold, ContentMode.perVariant, null);
        Prepared held = service.prepare(tenant.id(), holding, group, "a");
        assertThat(held.status()).isEqualTo(Prepared.Status.HELD);
        assertThat(held.reason()).contains("checks failed after one repair: format");
        assertThat(progress.read(tenant.id(), holding.campaignId()).held()).isEqualTo(1);
        assertThat(progress.read(tenant.id(), holding.campaignId()).model().calls()).isEqualTo(2);
        assertThat(requests()).hasSize(4);
        // a held group stays held without asking the model again, and is counted once
        assertThat(service.prepare(tenant.id(), holding, group, "a").status()).isEqualTo(Prepared.Status.HELD);
        assertThat(requests()).hasSize(4);
        assertThat(progress.read(tenant.id(), holding.campaignId()).held()).isEqualTo(1);
    }

    @Test
    void perRecipientContentStopsWhenTheTokenBudgetIsSpentAndTheRestGetTheVariantsContent() {
        answer("per-recipient", variants(email("Spring for {{firstName}}", HTML)));
        // each call reserves 1,500 tokens and spends 18: three calls fit under 1,540, the fourth does not
        CampaignContentSpec spec = spec(ContentFallback.hold, ContentMode.perRecipient, 1_540L);
        List<Contact> recipients = List.of(contact("r1", "en-GB", "gold", "Ana"), contact("r2", "en-GB", "gold", "Ben"),
                contact("r3", "en-GB", "gold", "Cai"), contact("r4", "en-GB", "gold", "Dee"), contact("r5", "en-GB", "gold", "Eve"));
        List<CampaignContent> contents = new ArrayList<>();
        for (Contact recipient : recipients) {
            Prepared prepared = service.prepareFor(tenant.id(), spec, ContentGroup.of(spec, recipient), "a", recipient);
            assertThat(prepared.status()).isEqualTo(Prepared.Status.READY);
            contents.add(prepared.content());
        }
        assertThat(contents).extracting(CampaignContent::contactId).containsExactly("r1", "r2", "r3", null, null);
        assertThat(contents.get(3).id()).isEqualTo(contents.get(4).id());
        assertThat(contents).extracting(c -> c.stamp().perRecipient()).containsExactly(true, true, true, false, false);
        List<LoggedRequest> calls = requests();
        assertThat(calls).hasSize(4);
        // a recipient's own call carries the fields the tenant allows (firstName) and nothing else about them
        assertThat(calls.get(0).getBodyAsString()).contains("Ana").doesNotContain("r1@private.example", "Europe/London");
        assertThat(calls.get(3).getBodyAsString()).doesNotContain("Ana", "Ben", "Cai", "Dee");
        assertThat(service.tokensSpent(tenant.id(), spec.campaignId())).isEqualTo(3 * 18L);
        // a redelivered send for the first recipient reuses their content
        Prepared again = service.prepareFor(tenant.id(), spec, ContentGroup.of(spec, recipients.get(0)), "a", recipients.get(0));
        assertThat(again.content().id()).isEqualTo(contents.get(0).id());
        assertThat(requests()).hasSize(4);
    }
}
