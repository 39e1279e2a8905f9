package io.herald.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignDraft;
import io.herald.core.campaign.CampaignSegment;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.Schedule;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.ProviderKind;
import io.herald.worker.testing.TestSeams;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The plan function through its Lambda event path: an EventBridge scheduled event in, jobs on the queues out. */
@QuarkusTest
@TestProfile(Exports.Plan.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class PlanFunctionTest {
    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;

    @Test
    void aScheduledEventPlansDueCampaignsOntoTheQueues() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        Campaign campaign = FunctionFixtures.runningCampaign(campaigns, contacts, tenant);

        given().contentType(ContentType.JSON).body("{\"version\":\"0\",\"id\":\"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa\","
                + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\"2015-10-08T16:53:06Z\","
                + "\"region\":\"us-east-1\",\"resources\":[\"arn:aws:events:us-east-1:123456789012:rule/herald-plan\"],\"detail\":{}}")
                .post().then().statusCode(200);

        List<String> generate = bodies(WorkerTestResources.generateQueue());
        List<String> send = bodies(WorkerTestResources.sendQueue());
        assertThat(generate).filteredOn(body -> body.contains(campaign.id())).hasSize(1);
        assertThat(send).filteredOn(body -> body.contains(campaign.id()) && body.contains("\"contactId\":\"c1\"")).hasSize(1);
    }

private static List<String> bodies(String queueUrl) {
    List<Message> received = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    received.forEach(m -> WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
    return received.stream().map(Message::body).toList();
}
}
