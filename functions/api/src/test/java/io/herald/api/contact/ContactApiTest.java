package io.herald.api.contact;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@HeraldStack
class ContactApiTest {

    @Inject
    Store store;

    private Api.TestTenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
    }

    @Test
    void createsThenMergesAContact() {
        tenant.request().body("""
                {"id":"cust-1","email":"li.wei@example.com","attributes":{"firstName":"Wei","plan":"pro"},
                 "timezone":"Asia/Shanghai","locale":"zh-cn","consent":{"email":{"status":"granted","source":"signup-form"}}}""")
                .post("/v1/contacts")
                .then().statusCode(201)
                .header("Location", containsString("/v1/contacts/cust-1"))
                .body("locale", equalTo("zh-CN"))
                .body("consent.email.status", equalTo("granted"))
                .body("consent.email.updatedAt", notNullValue());

        tenant.request().body("""
                {"id":"cust-1","attributes":{"plan":null,"city":"Hangzhou"}}""")
                .post("/v1/contacts")
                .then().statusCode(200)
                .body("email", equalTo("li.wei@example.com"))
                .body("attributes.firstName", equalTo("Wei"))
                .body("attributes.city", equalTo("Hangzhou"))
                .body("attributes.plan", nullValue());

        tenant.request().get("/v1/contacts/cust-1").then().statusCode(200)
                .body("timezone", equalTo("Asia/Shanghai"))
                .body("attributes.city", equalTo("Hangzhou"));
        tenant.request().queryParam("email", "li.wei@example.com").get("/v1/contacts").then().statusCode(200)
                .body("id", equalTo(List.of("cust-1")));
    }

    @Test
    void batchReportsEachItemAndKeepsTheGoodOnes() {
        tenant.request().body("""
                {"contacts":[{"id":"a","email":"a@example.com"},{"id":"b","email":"not-an-email"},{"id":"c","timezone":"Europe/Paris"}]}""")
                .post("/v1/contacts")
                .then().statusCode(200)
                .body("created", equalTo(2))
                .body("rejected", equalTo(1))
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].error", containsString("email"));
        tenant.request().get("/v1/contacts/c").then().statusCode(200);
        tenant.request().get("/v1/contacts/b").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("contact 'b' does not exist"));
    }

    @Test
    void refusesABatchOverTheLimit() {
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(Map.of("id", "c" + i));
        }
        tenant.request().body(Map.of("contacts", many)).post("/v1/contacts")
                .then().statusCode(400)
                .body("detail", containsString("1001 items, more than the limit of 1000"));
        tenant.request().get("/v1/contacts/c0").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid email       | {\"id\":\"x\",\"email\":\"li.wei@\"}                 | email: 'li.wei@' is not a valid email address",
            "invalid timezone    | {\"id\":\"x\",\"timezone\":\"Mars/Olympus\"}         | timezone: 'Mars/Olympus' is not an IANA time zone",
            "invalid locale      | {\"id\":\"x\",\"locale\":\"english please\"}         | locale: 'english please' is not a BCP 47 language tag",
            "missing id          | {\"email\":\"a@example.com\"}                       | id: required",
            "unknown field       | {\"id\":\"x\",\"emial\":\"a@example.com\"}         | unknown field 'emial'",
            "unknown consent     | {\"id\":\"x\",\"consent\":{\"fax\":{\"status\":\"granted\"}}} | consent: 'fax' is not a channel",
            "bad consent status  | {\"id\":\"x\",\"consent\":{\"email\":{\"status\":\"maybe\"}}} | consent.email.status: 'maybe' is not a valid Status",
            "attributes an array | {\"id\":\"x\",\"attributes\":[1,2]}                 | attributes has the wrong JSON type (expected an object)",
            "malformed JSON      | {\"id\":\"x\",                                      | the body is not valid JSON",
            "body an array       | [1,2,3]                                             | the body has the wrong JSON type (expected an object)",
            "contacts null       | {\"contacts\":null}                                 | contacts: required, an array of 1 to 1,000 contacts",
            "locale too long     | {\"id\":\"x\",\"locale\":\"en-US-x-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd-eeeeeeee-ffffffff-gggggggg\"} | locale: at most 64 characters"})
    void answersBadInputWithAPreciseProblem(String name, String body, String detail) {
        tenant.request().body(body).post("/v1/contacts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:herald:problem:invalid-input"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/v1/contacts"))
                .body("detail", containsString(detail));
        tenant.request().get("/v1/contacts/x").then().statusCode(404);
    }

    @Test
    void concurrentUpdatesOfOneContactLoseNoMerge() throws Exception {
        tenant.request().body("{\"id\":\"busy\"}").post("/v1/contacts").then().statusCode(201);
        int writers = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String attribute = "a" + i;
                answers.add(pool.submit(() -> tenant.request().body(Map.of("id", "busy", "attributes", Map.of(attribute, true)))
                        .post("/v1/contacts").statusCode()));
            }
            for (var answer : answers) {
                org.assertj.core.api.Assertions.assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Object> attributes = tenant.request().get("/v1/contacts/busy").then().statusCode(200).extract().path("attributes");
        org.assertj.core.api.Assertions.assertThat(attributes).containsOnlyKeys("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    }

    @Test
    void refusesAnIdOver128Characters() {
        tenant.request().body(Map.of("id", "x".repeat(129))).post("/v1/contacts")
                .then().statusCode(400).body("detail", containsString("id: required, 1 to 128 characters"));
        tenant.request().body(Map.of("id", "x".repeat(128))).post("/v1/contacts").then().statusCode(201);
    }

    @Test
    void refusesAConsentSourceOver200Characters() {
        tenant.request().body(Map.of("id", "x", "consent", Map.of("email", Map.of("status", "granted", "source", "s".repeat(201)))))
                .post("/v1/contacts").then().statusCode(400).body("detail", equalTo("consent.email.source: at most 200 characters"));
        tenant.request().get("/v1/contacts/x").then().statusCode(404);
    }

    @Test
    void refusesOversizeAttributesAndBodies() {
        String big = "y".repeat(17_000);
        tenant.request().body(Map.of("id", "x", "attributes", Map.of("note", big))).post("/v1/contacts")
                .then().statusCode(400).body("detail", containsString("more than the limit of 16384"));
        tenant.request().body("{\"id\":\"x\",\"attributes\":{\"note\":\"" + "z".repeat(6 * 1024 * 1024) + "\"}}").post("/v1/contacts")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("the limit is 5242880"));
        tenant.request().get("/v1/contacts/x").then().statusCode(404);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        tenant.request().contentType(ContentType.TEXT).body("id=x").post("/v1/contacts")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void erasesEverythingHeldAboutThePerson() {
        tenant.request().body("{\"id\":\"gone\",\"email\":\"gone@example.com\"}").post("/v1/contacts").then().statusCode(201);
        tenant.request().body("{\"events\":[{\"contactId\":\"gone\",\"type\":\"viewed_product\",\"properties\":{\"sku\":\"A1\"}}]}")
                .post("/v1/events").then().statusCode(200).body("created", equalTo(1));
        tenant.request().get("/v1/contacts/gone/export").then().statusCode(200)
                .body("contact.email", equalTo("gone@example.com"))
                .body("events", hasSize(1))
                .body("events[0].properties.sku", equalTo("A1"));

        tenant.request().delete("/v1/contacts/gone").then().statusCode(204);

        tenant.request().get("/v1/contacts/gone").then().statusCode(404);
        tenant.request().get("/v1/contacts/gone/export").then().statusCode(404);
        tenant.request().queryParam("email", "gone@example.com").get("/v1/contacts").then().statusCode(200).body("$", hasSize(0));
        tenant.request().delete("/v1/contacts/gone").then().statusCode(404);
    }

    /** What campaigns keep about a person (the message row and content written for them alone) is in the export and goes with the erasure. */
    @Test
    void exportAndErasureCoverWhatCampaignsStoreAboutThePerson() {
        tenant.request().body("{\"id\":\"reader\",\"email\":\"reader@example.com\"}").post("/v1/contacts").then().statusCode(201);
        String pk = Keys.contact(tenant.id(), "reader");
        store.put(Item.of(pk, Keys.messageSk("cmp-1"), Map.of("messageId", "msg-1", "to", "reader@example.com"))
                .withIndex(Keys.messageById(tenant.id(), "msg-1"), "MSG")
                .withIndex2(Keys.messageByProviderId(tenant.id(), "sendgrid", "sg-1"), "MSG"));
        store.put(Item.of(pk, Keys.recipientContentSk("cmp-1", "A", "cache-1"), Map.of("subject", "Only for you, Reader")));

        tenant.request().get("/v1/contacts/reader/export").then().statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].to", equalTo("reader@example.com"))
                .body("campaignContent", hasSize(1))
                .body("campaignContent[0].subject", equalTo("Only for you, Reader"));

        tenant.request().delete("/v1/contacts/reader").then().statusCode(204);

        assertThat(store.partition(pk)).isEmpty();
        assertThat(store.pageIndex(Keys.GSI1, Keys.messageById(tenant.id(), "msg-1"), KeyRange.all(), Map.class, null, 10, false).items()).isEmpty();
        assertThat(store.pageIndex(Keys.GSI2, Keys.messageByProviderId(tenant.id(), "sendgrid", "sg-1"), KeyRange.all(), Map.class, null, 10, false).items()).isEmpty();
    }
}
