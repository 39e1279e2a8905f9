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
import io.herald.core.campaign.sending.CampaignSender;
import io.herald.core.campaign.sending.SendJob;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.core.delivery.Suppression;
import io.herald.core.delivery.SuppressionReason;
import io.herald.core.delivery.Suppressions;
import io.herald.core.delivery.Unsubscribed;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.queue.ReceivedMessage;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.Classification;
import io.herald.core.tracking.DeliveryStatus;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.EventsApplied;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.MessageTimeline;
import io.herald.core.tracking.MessageTimelines;
import io.herald.core.tracking.MetricDeltas;
import io.herald.core.tracking.StoredEvent;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackedEvent;
import io.herald.worker.testing.TestSeams;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The track function through its Lambda event path: SQS batches as Lambda delivers them (and the real track queue of
 * ElasticMQ with its DLQ), message records seeded through core's {@link Messages}, real DynamoDB (dynalite).
 */
@QuarkusTest
@TestProfile(Exports.Track.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class TrackFunctionTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

    @Inject
    Messages messages;
    @Inject
    ProviderAccounts accounts;
    @Inject
    Suppressions suppressions;
    @Inject
    Store store;
    @Inject
    ObjectMapper json;
    @Inject
    Queues queues;
    @Inject
    MessageTimelines timelines;
    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;
    @Inject
    CampaignSender sender;
    @Inject
    CampaignProgress progress;
    @Inject
    Event<Unsubscribed> unsubscribed;

    @AfterEach
    void reset() {
        TestSeams.TrackFailures.failAfter = null;
        TestSeams.AppliedRecorder.failOnceFor = null;
    }

    @Test
    void theSameEventsPostedTwiceInOneBatchAndAgainInALaterBatchCountOnce() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        String body = job(tenant, "sendgrid", List.of(
                event("sendgrid:d1", EventType.delivered, T0.plusSeconds(1), message),
                event("sendgrid:o1", EventType.open, T0.plusSeconds(60), message),
                event("sendgrid:o1", EventType.open, T0.plusSeconds(60), message),
                event("sendgrid:o2", EventType.open, T0.plusSeconds(90), message),
                click("sendgrid:k1", T0.plusSeconds(120), message, "https://shop.example.com/spring")));

        assertThat(failures(postTrack(record("m-1", body), record("m-2", body)))).isEmpty();
        assertThat(failures(postTrack(record("m-3", body)))).isEmpty();

        List<StoredEvent> stored = storedEvents(tenant, "camp-1");
        assertThat(stored).extracting(e -> e.event().eventId())
                .containsExactlyInAnyOrder("sendgrid:d1", "sendgrid:o1", "sendgrid:o2", "sendgrid:k1");
        assertThat(counters(tenant, "camp-1")).isEqualTo(Map.of(MetricDeltas.DELIVERED, 1L, "opens.total.human", 2L,
                "opens.unique.human", 1L, "clicks.total.human", 1L, "clicks.unique.human", 1L));
        assertThat(counters(tenant, "camp-1")).isEqualTo(recount(stored));
        assertThat(appliedIds(tenant)).containsExactlyInAnyOrder("sendgrid:d1", "sendgrid:o1", "sendgrid:o2", "sendgrid:k1");
    }

    @Test
    void aJobRedeliveredAfterFailingHalfWayCountsEveryEventOnceAndFiresEachOnce() throws Exception {
        String tenant = newTenant();
        MessageRecord first = seed(tenant, "c1", "camp-1", "A");
        MessageRecord second = seed(tenant, "c2", "camp-1", "B");
        String body = job(tenant, "mailgun", List.of(
                event("mailgun:d1", EventType.delivered, T0, first),
                event("mailgun:o1", EventType.open, T0.plusSeconds(30), first),
                event("mailgun:d2", EventType.delivered, T0.plusSeconds(2), second),
                bounce("mailgun:b2", T0.plusSeconds(3), second, Bounce.soft),
                event("mailgun:o2", EventType.open, T0.plusSeconds(40), second)));
        TestSeams.TrackFailures.failAfter = "mailgun:d2";

        assertThat(failures(postTrack(record("m-1", body)))).containsExactly("m-1");
        assertThat(storedEvents(tenant, "camp-1")).hasSize(3);
        assertThat(counters(tenant, "camp-1")).isEqualTo(recount(storedEvents(tenant, "camp-1")));

        assertThat(failures(postTrack(record("m-1", body)))).isEmpty();

        List<StoredEvent> stored = storedEvents(tenant, "camp-1");
        assertThat(stored).hasSize(5);
        assertThat(counters(tenant, "camp-1")).isEqualTo(recount(stored))
                .containsEntry(MetricDeltas.DELIVERED, 2L).containsEntry(MetricDeltas.BOUNCED_SOFT, 1L).containsEntry("opens.unique.human", 2L);
        assertThat(appliedIds(tenant)).containsExactlyInAnyOrder("mailgun:d1", "mailgun:o1", "mailgun:d2", "mailgun:b2", "mailgun:o2");
        assertThat(TestSeams.AppliedRecorder.SEEN.stream().filter(a -> a.tenantId().equals(tenant))).hasSize(2); // one per delivery of the job
    }

    @Test
    void aFailedAnnouncementFailsTheJobAndItsRedeliveryAnnouncesTheStoredEventsAgainWithoutCountingThemAgain() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        String body = job(tenant, "sendgrid", List.of(
                event("sendgrid:d1", EventType.delivered, T0, message),
                event("sendgrid:o1", EventType.open, T0.plusSeconds(60), message)));
        TestSeams.AppliedRecorder.failOnceFor = tenant;

        assertThat(failures(postTrack(record("m-1", body)))).containsExactly("m-1");
        Map<String, Long> counted = counters(tenant, "camp-1");
        assertThat(counted).containsEntry(MetricDeltas.DELIVERED, 1L).containsEntry("opens.total.human", 1L);

        assertThat(failures(postTrack(record("m-1", body, 2)))).isEmpty();

        assertThat(counters(tenant, "camp-1")).isEqualTo(counted);
        assertThat(appliedIds(tenant)).containsExactly("sendgrid:d1", "sendgrid:o1", "sendgrid:d1", "sendgrid:o1");
        assertThat(failures(postTrack(record("m-2", body)))).isEmpty(); // the same events posted anew: duplicates, announced nowhere
        assertThat(appliedIds(tenant)).hasSize(4);
    }

    @Test
    void anEventForNoKnownMessageIsDroppedAndCountsNothing() throws Exception {
        String tenant = newTenant();
        seed(tenant, "c1", "camp-1", "A");
        TrackedEvent stray = new TrackedEvent("sendgrid:x1", EventType.open, T0, new MessageRef("no-such-message", null, ProviderKind.sendgrid,
                "no-such-provider-id", "someone@example.com"), Evidence.none(), EventDetail.none());

        assertThat(failures(postTrack(record("m-1", job(tenant, "sendgrid", List.of(stray)))))).isEmpty();

        assertThat(storedEvents(tenant, "camp-1")).isEmpty();
        assertThat(counters(tenant, "camp-1")).isEmpty();
        assertThat(suppressions.isSuppressed(tenant, "someone@example.com")).isFalse();
        assertThat(appliedIds(tenant)).isEmpty();
    }

    @Test
    void aHardBounceWithNoMessageIdStillSuppressesTheAddressAndASoftOneDoesNot() throws Exception {
        String tenant = newTenant();
        TrackedEvent hard = new TrackedEvent("ses:b1", EventType.bounce, T0, new MessageRef(null, null, ProviderKind.ses, null, "Gone@Example.com"),
                Evidence.none(), new EventDetail(Bounce.hard, null, "550 5.1.1 user unknown", null, null, null));
        TrackedEvent soft = new TrackedEvent("ses:b2", EventType.bounce, T0, new MessageRef(null, null, ProviderKind.ses, null, "full@example.com"),
                Evidence.none(), new EventDetail(Bounce.soft, null, "452 mailbox full", null, null, null));
        TrackedEvent complaint = new TrackedEvent("ses:c1", EventType.complaint, T0, new MessageRef(null, null, ProviderKind.ses, "ses-unknown", "angry@example.com"),
                Evidence.none(), EventDetail.none());

        assertThat(failures(postTrack(record("m-1", job(tenant, "ses", List.of(hard, soft, complaint)))))).isEmpty();

        Suppression entry = suppressions.find(tenant, "gone@example.com").orElseThrow();
        assertThat(entry.reason()).isEqualTo(SuppressionReason.hard_bounce);
        assertThat(entry.source()).isEqualTo("ses webhook");
        assertThat(suppressions.find(tenant, "angry@example.com").orElseThrow().reason()).isEqualTo(SuppressionReason.complaint);
        assertThat(suppressions.isSuppressed(tenant, "full@example.com")).isFalse();
    }

    @Test
    void hardBouncesComplaintsAndUnsubscribesSuppressSoftBouncesDoNotAndTheNextSendSkipsThem() throws Exception {
        String tenant = newTenant();
        MessageRecord hard = seed(tenant, "c1", "camp-old", "A");
        MessageRecord complained = seed(tenant, "c2", "camp-old", "A");
        MessageRecord unsubscribed = seed(tenant, "c3", "camp-old", "A");
        MessageRecord soft = seed(tenant, "c4", "camp-old", "A");

        assertThat(failures(postTrack(record("m-1", job(tenant, "sendgrid", List.of(
                bounce("sendgrid:b1", T0, hard, Bounce.hard),
                event("sendgrid:s1", EventType.complaint, T0, complained),
                event("sendgrid:u1", EventType.unsubscribe, T0, unsubscribed),
                bounce("sendgrid:b4", T0, soft, Bounce.soft))))))).isEmpty();

        assertThat(suppressions.find(tenant, hard.to()).orElseThrow()).satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.hard_bounce);
            assertThat(s.source()).isEqualTo("sendgrid webhook");
        });
        assertThat(suppressions.find(tenant, complained.to()).orElseThrow().reason()).isEqualTo(SuppressionReason.complaint);
        assertThat(suppressions.find(tenant, unsubscribed.to()).orElseThrow().reason()).isEqualTo(SuppressionReason.unsubscribe);
        assertThat(suppressions.isSuppressed(tenant, soft.to())).isFalse();
        assertThat(counters(tenant, "camp-old")).containsEntry(MetricDeltas.BOUNCED_HARD, 1L).containsEntry(MetricDeltas.COMPLAINED, 1L)
                .containsEntry(MetricDeltas.UNSUBSCRIBED, 1L).containsEntry(MetricDeltas.BOUNCED_SOFT, 1L);

        // the next campaign's send step skips the hard-bounced address and sends to the soft-bounced one's
        Campaign next = readyCampaign(tenant);
        Set<String> failed = sender.sendAll(List.of(
                new ReceivedMessage("s-1", "rh-1", json.writeValueAsString(SendJob.recipient(tenant, next.id(), "c1")), 1),
                new ReceivedMessage("s-4", "rh-4", json.writeValueAsString(SendJob.recipient(tenant, next.id(), "c4")), 1)));
        assertThat(failed).isEmpty();
        assertThat(messages.find(MessageKey.campaign(tenant, "c1", next.id())).orElseThrow().status()).isEqualTo(MessageStatus.skipped);
        assertThat(messages.find(MessageKey.campaign(tenant, "c4", next.id())).orElseThrow().status()).isEqualTo(MessageStatus.sent);
        assertThat(progress.totals(tenant, next.id())).containsEntry(CampaignProgress.SUPPRESSED, 1L).containsEntry(CampaignProgress.SENT, 1L);
    }

    @Test
    void anEventNamingAnotherTenantsMessageChangesNothingInEitherTenant() throws Exception {
        String tenantA = newTenant();
        String tenantB = newTenant();
        MessageRecord ofA = seed(tenantA, "c1", "camp-a", "A");
        Map<String, Long> before = messages.locateById(tenantA, ofA.messageId()).orElseThrow().numbers();
        // received for B, naming A's message ids; the bounce also claims A's tenant (as Herald's own tag would)
        List<TrackedEvent> forged = List.of(
                new TrackedEvent("sendgrid:f1", EventType.open, T0, new MessageRef(ofA.messageId(), null, ProviderKind.sendgrid,
                        ofA.providerMessageId(), null), Evidence.none(), EventDetail.none()),
                new TrackedEvent("sendgrid:f2", EventType.delivered, T0, new MessageRef(null, null, ProviderKind.sendgrid,
                        ofA.providerMessageId(), null), Evidence.none(), EventDetail.none()),
                new TrackedEvent("sendgrid:f3", EventType.bounce, T0, new MessageRef(ofA.messageId(), tenantA, ProviderKind.sendgrid,
                        ofA.providerMessageId(), ofA.to()), Evidence.none(), new EventDetail(Bounce.hard, null, null, null, null, null)));

        assertThat(failures(postTrack(record("m-1", job(tenantB, "sendgrid", forged))))).isEmpty();
        // and a job received for A whose event claims B is refused as well
        TrackedEvent claimsB = new TrackedEvent("sendgrid:f4", EventType.complaint, T0, new MessageRef(ofA.messageId(), tenantB,
                ProviderKind.sendgrid, ofA.providerMessageId(), ofA.to()), Evidence.none(), EventDetail.none());
        assertThat(failures(postTrack(record("m-2", job(tenantA, "sendgrid", List.of(claimsB)))))).isEmpty();

        assertThat(storedEvents(tenantA, "camp-a")).isEmpty();
        assertThat(storedEvents(tenantB, "camp-a")).isEmpty();
        assertThat(counters(tenantA, "camp-a")).isEmpty();
        assertThat(counters(tenantB, "camp-a")).isEmpty();
        assertThat(suppressions.isSuppressed(tenantA, ofA.to())).isFalse();
        assertThat(suppressions.isSuppressed(tenantB, ofA.to())).isFalse();
        assertThat(messages.locateById(tenantA, ofA.messageId()).orElseThrow().numbers()).isEqualTo(before);
        assertThat(appliedIds(tenantA)).isEmpty();
        assertThat(appliedIds(tenantB)).isEmpty();
    }

    @Test
    void machineAndHumanOpensAreClassifiedAndStoredWithTheirReason() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        TrackedEvent machine = new TrackedEvent("sendgrid:m1", EventType.open, T0.plusSeconds(5), ref(message),
                new Evidence("Mozilla/5.0", null, null, "sg_machine_open"), EventDetail.none());
        TrackedEvent scanner = new TrackedEvent("open:s1", EventType.click, T0.plusSeconds(6), ref(message),
                new Evidence("Mozilla/5.0 (compatible; Barracuda)", "10.0.0.1", "GET", null), new EventDetail(null, "https://shop.example.com/spring", null, 1, null, null));
        TrackedEvent human = new TrackedEvent("open:h1", EventType.open, T0.plusSeconds(3600), ref(message),
                new Evidence("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", "192.0.2.7", "GET", null), EventDetail.none());

        assertThat(failures(postTrack(record("m-1", job(tenant, "sendgrid", List.of(machine, scanner, human)))))).isEmpty();

        Map<String, StoredEvent> byId = new HashMap<>();
        storedEvents(tenant, "camp-1").forEach(e -> byId.put(e.event().eventId(), e));
        assertThat(byId.get("sendgrid:m1").classification()).isEqualTo(Classification.machine("provider flag sg_machine_open"));
        assertThat(byId.get("open:s1").classification().audience()).isEqualTo(Classification.Audience.machine);
        assertThat(byId.get("open:s1").classification().reason()).contains("barracuda");
        assertThat(byId.get("open:h1").classification()).isEqualTo(Classification.human());
        assertThat(byId.values()).allMatch(StoredEvent::unique);
        assertThat(counters(tenant, "camp-1")).isEqualTo(Map.of("opens.total.machine", 1L, "opens.unique.machine", 1L,
                "opens.total.human", 1L, "opens.unique.human", 1L, "clicks.total.machine", 1L, "clicks.unique.machine", 1L));

        MessageTimeline timeline = timelines.find(tenant, message.messageId()).orElseThrow();
        assertThat(timeline.events()).extracting(MessageTimeline.Entry::eventId).containsExactly("sendgrid:m1", "open:s1", "open:h1");
        assertThat(timeline.events().get(0).reason()).isEqualTo("provider flag sg_machine_open");
        assertThat(timeline.delivery().firstOpenAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(timeline.delivery().firstHumanOpenAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(timeline.delivery().firstHumanClickAt()).isNull();
    }

    @Test
    void theDeliveryStatusIsTheLatestDeliveryEventWhateverOrderTheyArriveIn() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        postTrack(record("m-1", job(tenant, "sendgrid", List.of(event("sendgrid:d", EventType.delivered, T0.plusSeconds(20), message)))));
        postTrack(record("m-2", job(tenant, "sendgrid", List.of(event("sendgrid:def", EventType.deferred, T0.plusSeconds(10), message)))));

        DeliveryStatus delivered = timelines.find(tenant, message.messageId()).orElseThrow().delivery();
        assertThat(delivered.status()).isEqualTo("delivered");
        assertThat(delivered.at()).isEqualTo(T0.plusSeconds(20));

        postTrack(record("m-3", job(tenant, "sendgrid", List.of(event("sendgrid:spam", EventType.complaint, T0.plusSeconds(300), message)))));
        assertThat(timelines.find(tenant, message.messageId()).orElseThrow().delivery().status()).isEqualTo("complained");
        assertThat(timelines.find(tenant, message.messageId()).orElseThrow().events()).extracting(MessageTimeline.Entry::type)
                .containsExactly(EventType.deferred, EventType.delivered, EventType.complaint);
    }

    @Test
    void eventsOfATestSendAreStoredInItsPartitionAndCountNowhere() throws Exception {
        String tenant = newTenant();
        MessageKey key = MessageKey.test(tenant, "camp-1", "req-1", "A", "marketing@acme.example");
        MessageRecord test = seedAt(key, tenant, null, "camp-1", "A", "marketing@acme.example", true);

        assertThat(failures(postTrack(record("m-1", job(tenant, "sendgrid", List.of(event("sendgrid:t1", EventType.open, T0, test))))))).isEmpty();

        assertThat(store.query(key.pk(), Keys.trackEventPrefix("camp-1"), StoredEvent.class, 10, false)).hasSize(1)
                .allMatch(e -> e.attribution().test());
        assertThat(counters(tenant, "camp-1")).isEmpty();
        assertThat(timelines.find(tenant, test.messageId()).orElseThrow().events()).hasSize(1);
    }

    @Test
    void aOneClickUnsubscribeIsCountedForItsCampaignOnceThroughTheTrackQueue() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "B");
        suppressions.add(tenant, message.to(), SuppressionReason.unsubscribe, "one-click-unsubscribe");

        unsubscribed.fire(new Unsubscribed(tenant, "c1", "camp-1", message.messageId(), T0.plusSeconds(600)));
        unsubscribed.fire(new Unsubscribed(tenant, "c1", "camp-1", message.messageId(), T0.plusSeconds(600)));
        pumpTrackQueue(false);

        assertThat(counters(tenant, "camp-1")).isEqualTo(Map.of(MetricDeltas.UNSUBSCRIBED, 1L));
        assertThat(storedEvents(tenant, "camp-1")).singleElement().satisfies(e -> {
            assertThat(e.event().eventId()).isEqualTo("unsubscribe:" + message.messageId());
            assertThat(e.attribution().variant()).isEqualTo("B");
        });
        assertThat(suppressions.find(tenant, message.to()).orElseThrow().source()).isEqualTo("one-click-unsubscribe");
        assertThat(timelines.find(tenant, message.messageId()).orElseThrow().delivery().unsubscribedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void aBodyNobodyCanReadReachesTheDlqAfterTheReceiveLimitWhileTheRestIsApplied() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        String snsLike = "{\"Type\":\"Notification\",\"MessageId\":\"x\",\"Message\":\"{}\"}";
        queues.send(queues.trackQueue(), QueueMessage.now("{not json"));
        queues.send(queues.trackQueue(), QueueMessage.now(snsLike));
        queues.send(queues.trackQueue(), QueueMessage.now(job(tenant, "sendgrid", List.of(event("sendgrid:ok", EventType.delivered, T0, message)))));

        for (int round = 0; round < WorkerTestResources.MAX_RECEIVES + 1; round++) {
            pumpTrackQueue(true);
        }

        assertThat(counters(tenant, "camp-1")).isEqualTo(Map.of(MetricDeltas.DELIVERED, 1L));
        List<Message> dead = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.trackDlq())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(Message::body).containsExactlyInAnyOrder("{not json", snsLike);
    }

    @Test
    void aProvidersOwnQueueBodyIsDecodedByItsProviderQueueEvents() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        String body = "{\"fakeProvider\":" + job(tenant, "ses", List.of(event("ses:d1", EventType.delivered, T0, message))) + "}";

        assertThat(failures(postTrack(record("m-1", body)))).isEmpty();

        assertThat(counters(tenant, "camp-1")).isEqualTo(Map.of(MetricDeltas.DELIVERED, 1L));
    }

    @Test
    void storedEventsAreInTheContactsExportAndGoWithItsErasure() throws Exception {
        String tenant = newTenant();
        MessageRecord message = seed(tenant, "c1", "camp-1", "A");
        postTrack(record("m-1", job(tenant, "sendgrid", List.of(event("sendgrid:d1", EventType.delivered, T0, message),
                event("sendgrid:o1", EventType.open, T0.plusSeconds(9), message)))));
        assertThat(contacts.export(tenant, "c1").get("trackingEvents")).hasSize(2);

        contacts.erase(tenant, "c1");

        assertThat(storedEvents(tenant, "camp-1")).isEmpty();
        assertThat(store.partition(Keys.contact(tenant, "c1"))).isEmpty();
        // an event arriving after the erasure writes nothing back into the partition
        postTrack(record("m-2", job(tenant, "sendgrid", List.of(event("sendgrid:o2", EventType.open, T0.plusSeconds(20), message)))));
        assertThat(store.partition(Keys.contact(tenant, "c1"))).isEmpty();
    }

    // --- fixtures

    private String newTenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        accounts.put(tenant, ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(WorkerTestResources.mailDev().smtpPort()), "tls", "none"));
        return tenant;
    }

    /** A sent campaign message to a consenting contact, recorded through the send protocol's own two writes. */
    private MessageRecord seed(String tenant, String contactId, String campaignId, String variant) {
        String to = contactId + "-" + tenant + "@example.com";
        contacts.upsert(tenant, new ContactDraft(contactId, to, null, "Europe/Berlin", "en",
                Map.of("email", new Consent(Consent.Status.granted, null, "test"))));
        return seedAt(MessageKey.campaign(tenant, contactId, campaignId), tenant, contactId, campaignId, variant, to, false);
    }

    private MessageRecord seedAt(MessageKey key, String tenant, String contactId, String campaignId, String variant, String to, boolean test) {
        Instant now = Instant.now();
        MessageRecord fresh = new MessageRecord(UUID.randomUUID().toString(), tenant, campaignId, contactId, to,
                new MessageContent(variant, "cc-" + campaignId + "-" + variant, "en", "template", "email", 1, "hash-1"), MessageStatus.sending,
                UUID.randomUUID().toString(), now, now.plusSeconds(60), 1, ProviderKind.sendgrid, null, null, null, now, test);
        Messages.Claim claim = messages.claim(key, fresh);
        MessageRecord claimed = ((Messages.Claim.Granted) claim).record();
        assertThat(messages.markSent(key, claimed, new SendReceipt(ProviderKind.sendgrid, "pm-" + UUID.randomUUID()))).isTrue();
        return messages.find(key).orElseThrow();
    }

    private static MessageRef ref(MessageRecord message) {
        return new MessageRef(message.messageId(), message.tenantId(), ProviderKind.sendgrid, message.providerMessageId(), message.to());
    }

    private static TrackedEvent event(String id, EventType type, Instant at, MessageRecord message) {
        return new TrackedEvent(id, type, at, ref(message), new Evidence("Mozilla/5.0", null, null, null), EventDetail.none());
    }

    private static TrackedEvent click(String id, Instant at, MessageRecord message, String url) {
        return new TrackedEvent(id, EventType.click, at, ref(message), new Evidence("Mozilla/5.0", null, "GET", null),
                new EventDetail(null, url, null, null, null, null));
    }

    private static TrackedEvent bounce(String id, Instant at, MessageRecord message, Bounce kind) {
        return new TrackedEvent(id, EventType.bounce, at, ref(message), Evidence.none(), new EventDetail(kind, null, "smtp says no", null, null, null));
    }

    private String job(String tenant, String source, List<TrackedEvent> events) throws Exception {
        return json.writeValueAsString(new TrackJob(tenant, source, T0, events));
    }

    /** The campaign's stored events, read as the reconcile reads them: its 8 shards of the walk index. */
    private List<StoredEvent> storedEvents(String tenant, String campaignId) {
        List<StoredEvent> all = new ArrayList<>();
        for (int shard = 0; shard < Keys.CAMPAIGN_SHARDS; shard++) {
            String cursor = null;
            do {
                Page<StoredEvent> page = store.pageIndex(Keys.WALK, Keys.campaignEvents(tenant, campaignId, shard), KeyRange.all(),
                        StoredEvent.class, cursor, 100, false);
                all.addAll(page.items());
                cursor = page.next();
            } while (cursor != null);
        }
        return all;
    }

    /** The campaign's live counters: the sum of its METRICS# items. */
    private Map<String, Long> counters(String tenant, String campaignId) {
        Map<String, Long> sums = new HashMap<>();
        store.numbersInRange(Keys.campaign(tenant, campaignId), KeyRange.prefix(Keys.metricsPrefix()))
                .forEach(item -> item.forEach((name, value) -> sums.merge(name, value, Long::sum)));
        sums.values().removeIf(value -> value == 0L);
        return sums;
    }

    /** What the stored events count for, by the one counting rule. */
    private static Map<String, Long> recount(List<StoredEvent> stored) {
        Map<String, Long> sums = new HashMap<>();
        stored.forEach(e -> MetricDeltas.of(e, e.unique()).forEach((name, value) -> sums.merge(name, value, Long::sum)));
        return sums;
    }

    private static List<String> appliedIds(String tenant) {
        List<String> ids = new ArrayList<>();
        for (EventsApplied applied : TestSeams.AppliedRecorder.SEEN) {
            if (applied.tenantId().equals(tenant)) {
                applied.events().forEach(e -> ids.add(e.event().eventId()));
            }
        }
        return ids;
    }

    private Campaign readyCampaign(String tenant) {
        Campaign created = campaigns.create(tenant, new CampaignDraft("Next", Channel.email,
                new Brief("Announce the spring range", "Spring range", "https://shop.example.com/spring", "friendly", "en"),
                List.of(new VariantSpec("A", null, null)), new CampaignSegment("everyone", 1),
                new Sender("Acme <news@acme.example>", null), ProviderKind.smtp, Schedule.now(), null, null, 600, null));
        campaigns.schedule(tenant, created.id());
        Campaign running = campaigns.start(tenant, created.id(), Instant.now()).orElseThrow();
        TestSeams.FixedContent.PREPARED.add(running.id() + "|en|A");
        return running;
    }

    private ObjectNode record(String messageId, String body) {
        return record(messageId, body, 1);
    }

    private ObjectNode record(String messageId, String body, int receiveCount) {
        ObjectNode record = json.createObjectNode().put("messageId", messageId).put("receiptHandle", "rh-" + messageId).put("body", body)
                .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:herald-track");
        record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount));
        return record;
    }

    private JsonNode postTrack(ObjectNode... records) throws Exception {
        return postTrack(List.of(records));
    }

    private JsonNode postTrack(List<ObjectNode> records) throws Exception {
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

    /** What Lambda's SQS trigger does (see SendFunctionTest): receive, invoke, delete what succeeded. */
    private void pumpTrackQueue(boolean retryAtOnce) throws Exception {
        for (int round = 0; round < 5; round++) {
            List<Message> received = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.trackQueue())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (received.isEmpty()) {
                return;
            }
            List<ObjectNode> records = new ArrayList<>();
            for (Message message : received) {
                ObjectNode record = record(message.messageId(), message.body()).put("receiptHandle", message.receiptHandle());
                ((ObjectNode) record.get("attributes")).put("ApproximateReceiveCount",
                        message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
                records.add(record);
            }
            Set<String> failed = failures(postTrack(records));
            for (Message message : received) {
                if (!failed.contains(message.messageId())) {
                    WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(WorkerTestResources.trackQueue()).receiptHandle(message.receiptHandle()));
                } else if (retryAtOnce) {
                    WorkerTestResources.sqs().changeMessageVisibility(b -> b.queueUrl(WorkerTestResources.trackQueue())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
            if (retryAtOnce) {
                return;
            }
        }
    }
}
