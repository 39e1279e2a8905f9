package io.herald.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignDraft;
import io.herald.core.campaign.CampaignSegment;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.Schedule;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.sending.CampaignPlanner;
import io.herald.core.campaign.sending.PlanState;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.worker.testing.TestSeams.PlanCrashes;
import io.herald.worker.testing.TestSeams.SimulatedCrash;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's crash claim: a tick that dies anywhere (after a page's generate jobs, between its send messages and
 * the advance, after the advance) replays the page next tick, so the plan state's {@code planned} counts each
 * recipient exactly once and every audience member reaches the send queue at least once.
 */
@QuarkusTest
@TestProfile(PlannerCrashTest.SmallPages.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class PlannerCrashTest {
    private static final Logger LOG = Logger.getLogger(PlannerCrashTest.class);
    private static final int PAGE_SIZE = 7;
    private static final int SEEDS = 10;
    private static final List<String> VARIANTS = List.of("A", "B");

    /** The plan function with pages of a few contacts, so one audience takes several pages and several ticks. */
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "plan", "herald.plan.page-size", String.valueOf(PAGE_SIZE));
        }
    }

    @Inject
    CampaignPlanner planner;
    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;
    @Inject
    Store store;
    @Inject
    ObjectMapper json;

    record Planned(String tenant, Campaign campaign, Set<String> audience, Set<String> outsiders, long seed) {
    }

    @Test
    void withoutCrashesEveryRecipientIsPlannedOnce() throws Exception {
        Planned run = planWithCrashes(new Random(1), 0.0, 1);
        assertPlannedOnce(List.of(run));
    }

    @Test
    void crashesAnywhereInATickNeitherCountTwiceNorLoseARecipient() throws Exception {
        long base = Long.getLong("herald.crash.seed", System.nanoTime());
        LOG.infof("planner crash seeds start at %d (rerun with -Dherald.crash.seed=%d)", base, base);
        List<Planned> runs = new ArrayList<>();
        int crashesBefore = PlanCrashes.CRASHES.get();
        for (int i = 0; i < SEEDS; i++) {
            runs.add(planWithCrashes(new Random(base + i), 0.35, base + i));
        }
        assertThat(PlanCrashes.CRASHES.get() - crashesBefore).as("crashes injected").isGreaterThan(SEEDS);
        assertPlannedOnce(runs);
    }

    /** Seeds a tenant with an audience and another tenant's contacts, then ticks, crashing at random, until walked. */
    private Planned planWithCrashes(Random random, double chance, long seed) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String outsider = "o-" + UUID.randomUUID().toString().substring(0, 12);
        Set<String> audience = seedContacts(tenant, 30 + random.nextInt(31));
        Set<String> outsiders = seedContacts(outsider, 5);
        Campaign created = campaigns.create(tenant, new CampaignDraft("Spring", Channel.email,
                new Brief("Announce the spring range", "Spring range", "https://shop.example.com/spring", "friendly", "en"),
                VARIANTS.stream().map(v -> new VariantSpec(v, null, null)).toList(), new CampaignSegment("everyone", 1),
                new Sender("Acme <news@acme.example>", null), ProviderKind.smtp, Schedule.now(), null, null, 100_000, null));
        campaigns.schedule(tenant, created.id());
        PlanCrashes.random = random;
        PlanCrashes.chance = chance;
        PlanCrashes.campaignId = created.id();
        String pk = Keys.campaign(tenant, created.id());
        int ticks = 0;
        while (!store.get(pk, Keys.PLAN_SK, PlanState.class).map(PlanState::walked).orElse(false)) {
            assertThat(++ticks).as("ticks of seed %d", seed).isLessThan(200);
            try {
                planner.tick();
            } catch (SimulatedCrash crash) {
                // The invocation died; the next minute's tick starts from what is stored.
            }
        }
        PlanCrashes.campaignId = null;
        return new Planned(tenant, created, audience, outsiders, seed);
    }

    private void assertPlannedOnce(List<Planned> runs) throws Exception {
        Map<String, Set<String>> sent = new HashMap<>();
        Map<String, Set<String>> generated = new HashMap<>();
        Set<String> contactsOnQueue = new HashSet<>();
        drain(WorkerTestResources.sendQueue(), body -> {
            sent.computeIfAbsent(body.path("campaignId").asText(), c -> new HashSet<>()).add(body.path("contactId").asText());
            contactsOnQueue.add(body.path("tenantId").asText() + "/" + body.path("contactId").asText());
        }, runs.stream().mapToInt(run -> run.audience().size()).sum());
        drain(WorkerTestResources.generateQueue(), body -> generated.computeIfAbsent(body.path("campaignId").asText(), c -> new HashSet<>())
                .add(body.path("group").path("key").asText() + "|" + body.path("variantId").asText()), 0);
        for (Planned run : runs) {
            String pk = Keys.campaign(run.tenant(), run.campaign().id());
            assertThat(store.numbers(pk, Keys.PLAN_SK).get("planned")).as("planned of seed %d", run.seed()).isEqualTo((long) run.audience().size());
            assertThat(sent.get(run.campaign().id())).as("contacts on the send queue, seed %d", run.seed()).isEqualTo(run.audience());
            assertThat(generated.get(run.campaign().id())).as("generate jobs, seed %d", run.seed()).hasSize(VARIANTS.size());
            run.outsiders().forEach(contact -> assertThat(contactsOnQueue).doesNotContain(contact));
        }
    }

    private Set<String> seedContacts(String tenant, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String id = "c" + i;
            contacts.upsert(tenant, new ContactDraft(id, id + "-" + tenant + "@example.com", null, "Europe/Berlin", "en",
                    Map.of("email", new Consent(Consent.Status.granted, null, "test"))));
            ids.add(tenant.startsWith("o-") ? tenant + "/" + id : id);
        }
        return ids;
    }

    /** Receives and deletes until the queue stays empty (send messages carry pacer delays of a few seconds). */
    private void drain(String queueUrl, java.util.function.Consumer<JsonNode> each, int atLeast) throws Exception {
        int received = 0;
        int empty = 0;
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (empty < 2 || (received < atLeast && System.nanoTime() < giveUp)) {
            List<Message> messages = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            for (Message message : messages) {
                each.accept(json.readTree(message.body()));
                WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                received++;
            }
        }
    }
}
