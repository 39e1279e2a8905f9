package io.herald.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignDraft;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignSegment;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.Schedule;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.sending.CampaignSender;
import io.herald.core.campaign.sending.SendJob;
import io.herald.core.campaign.sending.SendOutcomes;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SuppressionReason;
import io.herald.core.delivery.Suppressions;
import io.herald.core.queue.ReceivedMessage;
import io.herald.worker.testing.TestSeams;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconcile function through its Lambda event path, over records written by the real send step (into MailDev):
 * the recount from the message records is exactly what the send step counted live, per variant too, so a corrupted
 * counter comes back to it.
 */
@QuarkusTest
@TestProfile(Exports.Reconcile.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class ReconcileFunctionTest {

    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;
    @Inject
    ProviderAccounts accounts;
    @Inject
    Suppressions suppressions;
    @Inject
    CampaignSender sender;
    @Inject
    CampaignProgress progress;
    @Inject
    ObjectMapper json;

    @Test
    void theRecountOfWhatTheSendStepRecordedEqualsWhatItCountedAndRepairsACorruptedCounter() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        accounts.put(tenant, ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(WorkerTestResources.mailDev().smtpPort()), "tls", "none"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "c" + i;
            ids.add(id);
            Consent.Status consent = i == 5 ? Consent.Status.denied : Consent.Status.granted;
            contacts.upsert(tenant, new ContactDraft(id, id + "-" + tenant + "@example.com", json.createObjectNode().put("firstName", "P" + i),
                    "Europe/Berlin", "en", Map.of("email", new Consent(consent, null, "test"))));
        }
        suppressions.add(tenant, "c4-" + tenant + "@example.com", SuppressionReason.unsubscribe, "test");
        Campaign created = campaigns.create(tenant, new CampaignDraft("Spring", Channel.email,
                new Brief("Announce the spring range", "Spring range", "https://shop.example.com/spring", "friendly", "en"),
                List.of(new VariantSpec("A", null, null), new VariantSpec("B", null, null)), new CampaignSegment("everyone", 1),
                new Sender("Acme <news@acme.example>", null), ProviderKind.smtp, Schedule.now(), null, null, 600, null));
        campaigns.schedule(tenant, created.id());
        Campaign campaign = campaigns.start(tenant, created.id(), Instant.now()).orElseThrow();
        TestSeams.FixedContent.PREPARED.add(campaign.id() + "|en|A");
        TestSeams.FixedContent.PREPARED.add(campaign.id() + "|en|B");

        List<ReceivedMessage> batch = new ArrayList<>();
        for (String id : ids) {
            batch.add(new ReceivedMessage("m-" + id, null, json.writeValueAsString(SendJob.recipient(tenant, campaign.id(), id)), 1));
        }
        assertThat(sender.sendAll(batch)).isEmpty();
        Map<String, Long> live = messageCounters(tenant, campaign.id());
        assertThat(live).containsEntry(CampaignProgress.SENT, 4L).containsEntry(CampaignProgress.SUPPRESSED, 1L)
                .containsEntry(CampaignProgress.SKIPPED_NO_CONSENT, 1L);
        assertThat(live.getOrDefault("variant.A.sent", 0L) + live.getOrDefault("variant.B.sent", 0L)).as("per variant, same ADD").isEqualTo(4L);

        // live and recount agree before anything is lost: a running campaign's reconcile changes nothing
        JsonNode running = invoke(tenant, campaign.id());
        assertThat(running.at("/progress/corrections").size()).isZero();
        assertThat(running.at("/progress/applied").asBoolean()).isFalse();
        assertThat(running.at("/progress/messagesRead").asInt()).isEqualTo(6);

        progress.record(tenant, campaign.id(), Map.of(CampaignProgress.SENT, 5L, "variant.A.sent", 1L, "skipped.noEmail", 2L));
        campaigns.cancel(tenant, campaign.id());
        JsonNode repaired = invoke(tenant, campaign.id());
        assertThat(repaired.at("/progress/applied").asBoolean()).isTrue();
        assertThat(repaired.at("/progress/corrections/sent/before").asLong()).isEqualTo(9);
        assertThat(repaired.at("/progress/corrections/sent/after").asLong()).isEqualTo(4);
        assertThat(messageCounters(tenant, campaign.id())).isEqualTo(live);
    }

    @Test
    void anUnknownCampaignOrAMissingIdFailsTheInvocation() {
        given().contentType(ContentType.JSON).body("{\"tenantId\":\"nobody\",\"campaignId\":\"cmp-none\"}").post().then()
                .statusCode(org.hamcrest.Matchers.not(200));
        given().contentType(ContentType.JSON).body("{\"tenantId\":\"nobody\"}").post().then().statusCode(org.hamcrest.Matchers.not(200));
    }

    private JsonNode invoke(String tenant, String campaignId) throws Exception {
        ObjectNode request = json.createObjectNode().put("tenantId", tenant).put("campaignId", campaignId);
        String answer = given().contentType(ContentType.JSON).body(json.writeValueAsString(request)).post().then().statusCode(200)
                .extract().asString();
        return json.readTree(answer);
    }

    private Map<String, Long> messageCounters(String tenant, String campaignId) {
        Map<String, Long> counters = new TreeMap<>(progress.totals(tenant, campaignId));
        counters.keySet().removeIf(counter -> !SendOutcomes.isMessageCounter(counter));
        counters.values().removeIf(v -> v == 0);
        return counters;
    }
}
