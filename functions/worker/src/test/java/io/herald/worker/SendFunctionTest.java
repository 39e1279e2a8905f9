package io.herald.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignDraft;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignSegment;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.Schedule;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.sending.CampaignPlanner;
import io.herald.core.campaign.sending.ContentGenerator;
import io.herald.core.campaign.sending.SendJob;
import io.herald.core.campaign.sending.TestSends;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.delivery.SuppressionReason;
import io.herald.core.delivery.Suppressions;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.queue.ReceivedMessage;
import io.herald.worker.testing.TestSeams;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send function through its Lambda event path: real SQS messages (ElasticMQ) posted as Lambda would, real
 * DynamoDB (dynalite), SMTP into MailDev.
 */
@QuarkusTest
@TestProfile(Exports.Send.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class SendFunctionTest {

    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;
    @Inject
    ProviderAccounts accounts;
    @Inject
    Messages messages;
    @Inject
    Queues queues;
    @Inject
    CampaignProgress progress;
    @Inject
    CampaignPlanner planner;
    @Inject
    ContentGenerator generator;
    @Inject
    ObjectMapper json;
    @Inject
    TestSends testSends;
    @Inject
    Store store;
    @Inject
    Suppressions suppressions;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void reset() {
        TestSeams.Crashes.afterClaim = false;
        TestSeams.Crashes.afterProvider = false;
    }

    @Test
    void planGenerateSendReachesMailDevWithHeadersFooterTextAndMergeFields() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Ada");
        Campaign campaign = runningCampaign(tenant, Schedule.now());

        planner.tick();
        // The tick plans every due campaign of the shared table; this test looks at its own.
        List<ReceivedMessage> generateJobs = receive(WorkerTestResources.generateQueue()).stream()
                .filter(job -> job.body().contains(campaign.id())).toList();
        assertThat(generateJobs).hasSize(2); // one group (en) x two variants
        assertThat(generator.generateAll(generateJobs)).isEmpty();
        pumpSendQueue();

        JsonNode mail = awaitMailTo(to);
        String source = source(mail.get("id").asText());
        assertThat(mail.get("subject").asText()).startsWith("Hello Ada, spring is here");
        assertThat(source).contains("List-Unsubscribe: <https://herald.test.example/u/");
        assertThat(source).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        assertThat(mail.get("html").asText()).contains("Hi Ada,").contains(TestSeams.POSTAL).contains("Unsubscribe");
        assertThat(mail.get("text").asText()).contains("Hi Ada,").contains(TestSeams.POSTAL).contains("https://herald.test.example/u/");
        // first-party tracking: the HTML's link goes through the redirect, the pixel is appended, the text keeps the real link
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(mail.get("html").asText());
        assertThat(html.select("a[href^=https://herald.test.example/t/c/]")).hasSize(1);
        assertThat(html.select("a[href^=https://herald.test.example/u/]")).hasSize(1);
        assertThat(html.select("a[href^=https://shop.example.com]")).isEmpty();
        assertThat(html.select("img[src^=https://herald.test.example/t/o/]")).hasSize(1);
        assertThat(mail.get("text").asText()).contains("https://shop.example.com/spring").doesNotContain("/t/c/");
        MessageRecord record = messages.find(MessageKey.campaign(tenant, "c1", campaign.id())).orElseThrow();
        assertThat(record.status()).isEqualTo(MessageStatus.sent);
        assertThat(messages.byMessageId(tenant, record.messageId())).isPresent();
        assertThat(messages.byProviderId(tenant, ProviderKind.smtp, record.providerMessageId())).isPresent();
        assertThat(progress.totals(tenant, campaign.id())).containsEntry(CampaignProgress.SENT, 1L).containsEntry(CampaignProgress.PLANNED, 1L);
    }

    @Test
    void aBatchReplayedWithNewMessageIdsSendsOnce() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Bo");
        Campaign campaign = readyCampaign(tenant);
        String body = job(tenant, campaign.id(), "c1");

        postSend(List.of(record("m-1", body)));
        postSend(List.of(record("m-2", body), record("m-3", body)));

        awaitMailTo(to);
        Thread.sleep(300);
        assertThat(mailsTo(to)).hasSize(1);
        assertThat(progress.totals(tenant, campaign.id())).containsEntry(CampaignProgress.SENT, 1L);
    }

    @Test
    void aCrashBetweenClaimAndProviderLeavesTheMessageUnknownAndNeverSent() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Cy");
        Campaign campaign = readyCampaign(tenant);
        String body = job(tenant, campaign.id(), "c1");
        TestSeams.Crashes.afterClaim = true;
        assertThat(failures(postSend(List.of(record("m-1", body))))).containsExactly("m-1");
        TestSeams.Crashes.afterClaim = false;
        Thread.sleep(2_500); // the lease (PT2S in tests) of the dead invocation runs out

        assertThat(failures(postSend(List.of(record("m-1-again", body))))).isEmpty();

        MessageRecord record = messages.find(MessageKey.campaign(tenant, "c1", campaign.id())).orElseThrow();
        assertThat(record.status()).isEqualTo(MessageStatus.unknown);
        Thread.sleep(300);
        assertThat(mailsTo(to)).isEmpty();
        assertThat(progress.totals(tenant, campaign.id())).containsEntry(CampaignProgress.UNKNOWN, 1L);
    }

    @Test
    void aCrashBetweenProviderAndRecordLeavesTheMessageUnknownAndSentOnce() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Di");
        Campaign campaign = readyCampaign(tenant);
        String body = job(tenant, campaign.id(), "c1");
        TestSeams.Crashes.afterProvider = true;
        assertThat(failures(postSend(List.of(record("m-1", body))))).containsExactly("m-1");
        TestSeams.Crashes.afterProvider = false;
        assertThat(failures(postSend(List.of(record("m-1-early", body))))).isEmpty(); // lease still running: a duplicate
        Thread.sleep(2_500);

        assertThat(failures(postSend(List.of(record("m-1-late", body))))).isEmpty();

        assertThat(messages.find(MessageKey.campaign(tenant, "c1", campaign.id())).orElseThrow().status()).isEqualTo(MessageStatus.unknown);
        awaitMailTo(to);
        Thread.sleep(300);
        assertThat(mailsTo(to)).hasSize(1);
    }

    @Test
    void aSuppressedContactAndOneWithoutConsentAreSkipped() throws Exception {
        String tenant = newTenant();
        String suppressed = contact(tenant, "c1", "Ed");
        suppressions.add(tenant, suppressed, SuppressionReason.unsubscribe, "test");
        contacts.upsert(tenant, new ContactDraft("c2", "c2-" + tenant + "@example.com", null, "UTC", "en",
                Map.of("email", new Consent(Consent.Status.denied, null, "test"))));
        Campaign campaign = readyCampaign(tenant);

        assertThat(failures(postSend(List.of(record("m-1", job(tenant, campaign.id(), "c1")),
                record("m-2", job(tenant, campaign.id(), "c2")))))).isEmpty();

        Thread.sleep(300);
        assertThat(mailsTo(suppressed)).isEmpty();
        assertThat(mailsTo("c2-" + tenant + "@example.com")).isEmpty();
        assertThat(progress.totals(tenant, campaign.id())).containsEntry(CampaignProgress.SUPPRESSED, 1L)
                .containsEntry(CampaignProgress.SKIPPED_NO_CONSENT, 1L).doesNotContainKey(CampaignProgress.SENT);
    }

    @Test
    void aPoisonMessageReachesTheDlqWhileTheRestOfItsBatchIsSent() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Fay");
        Campaign campaign = readyCampaign(tenant);
        queues.send(queues.sendQueue(), QueueMessage.now("{not json"));
        queues.send(queues.sendQueue(), QueueMessage.now(job(tenant, "no-such-campaign", "c1")));
        queues.send(queues.sendQueue(), QueueMessage.now(job(tenant, campaign.id(), "c1")));

        for (int round = 0; round < WorkerTestResources.MAX_RECEIVES + 1; round++) {
            pumpSendQueue(true);
        }

        awaitMailTo(to);
        List<Message> dead = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.sendDlq())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(Message::body).containsExactlyInAnyOrder("{not json", job(tenant, "no-such-campaign", "c1"));
    }

    @Test
    void aPausedCampaignSendsNothingAndItsRecipientsWaitForTheResume() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Gus");
        Campaign campaign = readyCampaign(tenant);
        campaigns.pause(tenant, campaign.id());

        assertThat(failures(postSend(List.of(record("m-1", job(tenant, campaign.id(), "c1")))))).isEmpty();
        Thread.sleep(300);
        assertThat(mailsTo(to)).isEmpty();
        assertThat(messages.find(MessageKey.campaign(tenant, "c1", campaign.id()))).isEmpty();

        campaigns.resume(tenant, campaign.id());
        planner.tick();
        pumpSendQueue();
        awaitMailTo(to);
    }

    @Test
    void aJobCannotSendForAnotherTenantsCampaign() throws Exception {
        String tenantA = newTenant();
        String tenantB = newTenant();
        String toA = contact(tenantA, "c1", "Hal");
        Campaign campaignA = readyCampaign(tenantA);

        assertThat(failures(postSend(List.of(record("m-1", job(tenantB, campaignA.id(), "c1")))))).containsExactly("m-1");

        Thread.sleep(300);
        assertThat(mailsTo(toA)).isEmpty();
        assertThat(messages.find(MessageKey.campaign(tenantB, "c1", campaignA.id()))).isEmpty();
    }

    @Test
    void testCopiesOfEachVariantGoThroughTheQueueAndCountNowhere() throws Exception {
        String tenant = newTenant();
        Campaign campaign = readyCampaign(tenant);
        String to = "marketing-" + tenant + "@acme.example";

        TestSends.Queued queued = testSends.send(tenant, campaign.id(), List.of(to));
        pumpSendQueue();

        assertThat(queued.copies()).isEqualTo(2);
        awaitMailTo(to);
        for (int i = 0; i < 50 && mailsTo(to).size() < 2; i++) {
            Thread.sleep(100);
        }
        assertThat(mailsTo(to)).extracting(mail -> mail.get("subject").asText())
                .allMatch(subject -> subject.startsWith("[Test] Hello there")).hasSize(2);
        assertThat(progress.totals(tenant, campaign.id())).doesNotContainKey(CampaignProgress.SENT);
    }

    @Test
    void erasingAContactRemovesItsMessageRowsAndTheirIndexEntries() throws Exception {
        String tenant = newTenant();
        String to = contact(tenant, "c1", "Ivy");
        Campaign campaign = readyCampaign(tenant);
        postSend(List.of(record("m-1", job(tenant, campaign.id(), "c1"))));
        awaitMailTo(to);
        MessageRecord record = messages.find(MessageKey.campaign(tenant, "c1", campaign.id())).orElseThrow();
        assertThat(contacts.export(tenant, "c1").get("messages")).hasSize(1);

        contacts.erase(tenant, "c1");

        assertThat(messages.find(MessageKey.campaign(tenant, "c1", campaign.id()))).isEmpty();
        assertThat(messages.byMessageId(tenant, record.messageId())).isEmpty();
        assertThat(messages.byProviderId(tenant, ProviderKind.smtp, record.providerMessageId())).isEmpty();
    }

    @Test
    void aJobForAnErasedContactWritesNothingBackIntoItsPartition() throws Exception {
        String tenant = newTenant();
        contact(tenant, "c1", "Jo");
        Campaign campaign = readyCampaign(tenant);
        contacts.erase(tenant, "c1");

        assertThat(failures(postSend(List.of(record("m-1", job(tenant, campaign.id(), "c1")))))).isEmpty();

        assertThat(messages.find(MessageKey.campaign(tenant, "c1", campaign.id()))).isEmpty();
        assertThat(store.partition(Keys.contact(tenant, "c1"))).isEmpty();
        assertThat(progress.totals(tenant, campaign.id())).containsEntry("skipped.noContact", 1L);
    }

    // --- fixtures

    private String newTenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        accounts.put(tenant, ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(WorkerTestResources.mailDev().smtpPort()), "tls", "none"));
        return tenant;
    }

    private String contact(String tenant, String id, String firstName) {
        String email = id + "-" + tenant + "@example.com";
        ObjectNode attributes = json.createObjectNode().put("firstName", firstName);
        contacts.upsert(tenant, new ContactDraft(id, email, attributes, "Europe/Berlin", "en",
                Map.of("email", new Consent(Consent.Status.granted, null, "test"))));
        return email;
    }

    private Campaign runningCampaign(String tenant, Schedule schedule) {
        Campaign created = campaigns.create(tenant, new CampaignDraft("Spring", Channel.email,
                new Brief("Announce the spring range", "Spring range", "https://shop.example.com/spring", "friendly", "en"),
                List.of(new VariantSpec("A", null, null), new VariantSpec("B", null, null)), new CampaignSegment("everyone", 1),
                new Sender("Acme <news@acme.example>", null), ProviderKind.smtp, schedule, null, null, 600, null));
        campaigns.schedule(tenant, created.id());
        return campaigns.start(tenant, created.id(), Instant.now()).orElseThrow();
    }

    /** Running, with both variants' content ready. */
    private Campaign readyCampaign(String tenant) {
        Campaign campaign = runningCampaign(tenant, Schedule.now());
        TestSeams.FixedContent.PREPARED.add(campaign.id() + "|en|A");
        TestSeams.FixedContent.PREPARED.add(campaign.id() + "|en|B");
        return campaign;
    }

    private String job(String tenant, String campaignId, String contactId) throws Exception {
        return json.writeValueAsString(SendJob.recipient(tenant, campaignId, contactId));
    }

    private ObjectNode record(String messageId, String body) {
        ObjectNode record = json.createObjectNode().put("messageId", messageId).put("receiptHandle", "rh-" + messageId).put("body", body)
                .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:herald-send");
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        return record;
    }

    private JsonNode postSend(List<ObjectNode> records) throws Exception {
        ObjectNode event = json.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        String answer = given().contentType(ContentType.JSON).body(json.writeValueAsString(event)).post().then().statusCode(200)
                .extract().asString();
        return json.readTree(answer);
    }

    private static Set<String> failures(JsonNode response) {
        Set<String> ids = new HashSet<>();
        response.path("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
        return ids;
    }

    private void pumpSendQueue() throws Exception {
        pumpSendQueue(false);
    }

    /**
     * What Lambda's SQS trigger does: receive, invoke, delete what succeeded. With {@code retryAtOnce} the failed ones
     * are visible again at once (a test cannot wait out the visibility timeout), so each round is one more receive.
     */
    private void pumpSendQueue(boolean retryAtOnce) throws Exception {
        for (int round = 0; round < 5; round++) {
            List<Message> received = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.sendQueue())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (received.isEmpty()) {
                return;
            }
            List<ObjectNode> records = new ArrayList<>();
            for (Message message : received) {
                ObjectNode record = record(message.messageId(), message.body()).put("receiptHandle", message.receiptHandle());
                records.add(record);
            }
            Set<String> failed = failures(postSend(records));
            for (Message message : received) {
                if (!failed.contains(message.messageId())) {
                    WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(WorkerTestResources.sendQueue()).receiptHandle(message.receiptHandle()));
                } else if (retryAtOnce) {
                    WorkerTestResources.sqs().changeMessageVisibility(b -> b.queueUrl(WorkerTestResources.sendQueue())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
            if (retryAtOnce) {
                return;
            }
        }
    }

    private List<ReceivedMessage> receive(String queueUrl) {
        List<ReceivedMessage> all = new ArrayList<>();
        for (Message message : WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            all.add(new ReceivedMessage(message.messageId(), message.receiptHandle(), message.body(), 1));
            WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return all;
    }

    private List<JsonNode> mailsTo(String address) throws Exception {
        JsonNode all = json.readTree(http.send(HttpRequest.newBuilder(URI.create(WorkerTestResources.mailDev().web() + "/api/email")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> found = new ArrayList<>();
        all.forEach(mail -> mail.path("to").forEach(recipient -> {
            if (address.equalsIgnoreCase(recipient.path("address").asText())) {
                found.add(mail);
            }
        }));
        return found;
    }

    private JsonNode awaitMailTo(String address) throws Exception {
        for (int i = 0; i < 50; i++) {
            List<JsonNode> found = mailsTo(address);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address + " reached MailDev");
    }

    private String source(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(WorkerTestResources.mailDev().web() + "/api/email/" + id + "/source")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
