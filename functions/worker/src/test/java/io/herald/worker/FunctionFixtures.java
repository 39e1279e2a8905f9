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

/** A running one-variant campaign with one consenting contact, for the function tests. */
final class FunctionFixtures {

    private FunctionFixtures() {
    }

    static Campaign runningCampaign(CampaignService campaigns, ContactService contacts, String tenant) {
        contacts.upsert(tenant, new ContactDraft("c1", "c1-" + tenant + "@example.com", null, "Asia/Shanghai", "en",
                Map.of("email", new Consent(Consent.Status.granted, null, "test"))));
        Campaign created = campaigns.create(tenant, new CampaignDraft("Spring", Channel.email,
                new Brief("Announce the spring range", "Spring range", "https://shop.example.com/spring", "friendly", "en"),
                List.of(new VariantSpec("A", null, null)), new CampaignSegment("everyone", 1),
                new Sender("Acme <news@acme.example>", null), ProviderKind.smtp, Schedule.now(), null, null, 600, null));
        campaigns.schedule(tenant, created.id());
        return campaigns.start(tenant, created.id(), Instant.now()).orElseThrow();
    }
}
