package io.herald.api.event;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Every event is dated relative to the fixed {@link TestClock}, so none ages out of the 400-day retention. */
@QuarkusTest
@HeraldStack
class EventApiTest {

    private Api.TestTenant tenant;
    private Instant now;

    @BeforeEach
    void contact() {
        now = TestClock.fix();
        tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"c1\",\"email\":\"c1@example.com\"}").post("/v1/contacts").then().statusCode(201);
    }

    @Test
    void recordsEventsOnceEvenWhenPostedTwice() {
        String batch = """
                {"events":[
                  {"id":"e1","contactId":"c1","type":"viewed_product","time":"%s","properties":{"sku":"TEA-42"}},
                  {"id":"e2","contactId":"c1","type":"added_to_cart","time":"%s"}]}""".formatted(daysAgo(30), daysAgo(29));
        tenant.request().body(batch).post("/v1/events").then().statusCode(200)
                .body("created", equalTo(2)).body("duplicate", equalTo(0));
        tenant.request().body(batch).post("/v1/events").then().statusCode(200)
                .body("created", equalTo(0)).body("duplicate", equalTo(2));
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200)
                .body("events", hasSize(2))
                .body("events.type", equalTo(java.util.List.of("viewed_product", "added_to_cart")));
    }

    @Test
    void anIdIsStoredOnceEvenWithoutATimeOrWithAnotherTime() {
        String withoutTime = "{\"events\":[{\"id\":\"no-time\",\"contactId\":\"c1\",\"type\":\"opened_app\"}]}";
        tenant.request().body(withoutTime).post("/v1/events").then().statusCode(200).body("created", equalTo(1));
        tenant.request().body(withoutTime).post("/v1/events").then().statusCode(200).body("duplicate", equalTo(1));
        tenant.request().body("{\"events\":[{\"id\":\"no-time\",\"contactId\":\"c1\",\"type\":\"opened_app\",\"time\":\"" + daysAgo(30) + "\"}]}")
                .post("/v1/events").then().statusCode(200).body("duplicate", equalTo(1));
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200).body("events", hasSize(1));
    }

    @Test
    void eventsSortByTimeWhateverTheirFractionOfASecond() {
        Instant earlier = now.minus(Duration.ofDays(30));
        tenant.request().body("""
                {"events":[
                  {"id":"later","contactId":"c1","type":"b","time":"%s"},
                  {"id":"earlier","contactId":"c1","type":"a","time":"%s"}]}""".formatted(earlier.plusMillis(500), earlier))
                .post("/v1/events").then().statusCode(200).body("created", equalTo(2));
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200)
                .body("events.id", equalTo(java.util.List.of("earlier", "later")));
    }

    @Test
    void rejectsEventsItCannotStoreAndSaysWhy() {
        String future = now.plus(Duration.ofDays(3)).toString();
        tenant.request().body("""
                {"events":[
                  {"contactId":"nobody","type":"viewed_product"},
                  {"contactId":"c1","type":"has spaces"},
                  {"contactId":"c1","type":"opened_app","time":"%s"},
                  {"contactId":"c1","type":"opened_app"},
                  {"contactId":"c1","type":"opened_app","time":"%s"}]}""".formatted(future, daysAgo(401)))
                .post("/v1/events").then().statusCode(200)
                .body("rejected", equalTo(4))
                .body("results[4].error", containsString("older than the retention period (400 days)"))
                .body("created", equalTo(1))
                .body("results[0].error", equalTo("contact 'nobody' does not exist"))
                .body("results[1].error", containsString("type:"))
                .body("results[2].error", containsString("more than 24 hours in the future"));
    }

    @Test
    void theRetentionPeriodEndsExactlyAt400Days() {
        tenant.request().body("{\"events\":[{\"contactId\":\"c1\",\"type\":\"a\",\"time\":\"" + daysAgo(400) + "\"},"
                        + "{\"contactId\":\"c1\",\"type\":\"b\",\"time\":\"" + now.minus(Duration.ofDays(400)).minusSeconds(1) + "\"}]}")
                .post("/v1/events").then().statusCode(200)
                .body("created", equalTo(1))
                .body("results[1].error", containsString("older than the retention period (400 days)"));
    }

    @Test
    void refusesABodyWithoutEvents() {
        tenant.request().body("{\"events\":[]}").post("/v1/events").then().statusCode(400)
                .body("detail", equalTo("events: at least one item is required"));
        tenant.request().body("{\"event\":[]}").post("/v1/events").then().statusCode(400)
                .body("detail", containsString("unknown field 'event'"));
        tenant.request().body("{\"events\":[{\"contactId\":\"c1\",\"type\":\"x\",\"time\":\"yesterday\"}]}").post("/v1/events")
                .then().statusCode(400).body("detail", containsString("events[0].time"));
    }

    private String daysAgo(int days) {
        return now.minus(Duration.ofDays(days)).toString();
    }
}
