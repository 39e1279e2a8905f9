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

/** The generate function through its Lambda event path: a poison record fails alone. */
@QuarkusTest
@TestProfile(Exports.Generate.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class GenerateFunctionTest {
    @Inject
    CampaignService campaigns;
    @Inject
    ContactService contacts;
    @Inject
    ObjectMapper json;

    @Test
    void aGenerateBatchPreparesEachJobAndFailsOnlyThePoisonRecord() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 12);
        Campaign campaign = FunctionFixtures.runningCampaign(campaigns, contacts, tenant);
        String job = "{\"tenantId\":\"" + tenant + "\",\"campaignId\":\"" + campaign.id()
                + "\",\"group\":{\"key\":\"en\",\"language\":\"en\"},\"variantId\":\"A\"}";

        String answer = given().contentType(ContentType.JSON).body("{\"Records\":[" + record("g-1", job) + "," + record("g-2", "not a job") + "]}")
                .post().then().statusCode(200).extract().asString();

        assertThat(answer).contains("\"itemIdentifier\":\"g-2\"").doesNotContain("g-1");
        assertThat(TestSeams.FixedContent.PREPARED).contains(campaign.id() + "|en|A");
    }

    private String record(String id, String body) {
        try {
            return "{\"messageId\":\"" + id + "\",\"receiptHandle\":\"rh-" + id + "\",\"body\":" + json.writeValueAsString(body)
                    + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"eventSource\":\"aws:sqs\"}";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
