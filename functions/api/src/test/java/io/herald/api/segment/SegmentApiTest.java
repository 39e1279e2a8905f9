package io.herald.api.segment;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@HeraldStack
class SegmentApiTest {

    /**
     * Event times are placed a day or more from the window edges relative to this clock, fixed when the class loads,
     * so they never age out and the running application's own clock decides the same way (the exact boundary is
     * {@code SegmentAudienceTest}'s, with the service on a fixed clock).
     */
    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    private static final String VIEWED_NOT_BOUGHT = """
            {"all":[{"consent":"email"},{"event":"product_viewed","where":{"sku":"TEA-42"},"within":"P7D"},
                    {"not":{"event":"purchased","within":"P7D"}}]}""";

    @Test
    void aSegmentIsCreatedAtVersionOneAndEachChangeIsANewVersion() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"tea\",\"name\":\"Tea viewers\",\"rule\":" + VIEWED_NOT_BOUGHT + "}")
                .post("/v1/segments").then().statusCode(201)
                .header("Location", endsWith("/v1/segments/tea"))
                .body("id", equalTo("tea")).body("version", equalTo(1)).body("name", equalTo("Tea viewers"))
                .body("rule.all[1].atLeast", equalTo(1)).body("rule.all[2].not.within", equalTo("P7D"));

        String gold = "{\"name\":\"Gold tea viewers\",\"rule\":{\"all\":[{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"},"
                + VIEWED_NOT_BOUGHT + "]}}";
        tenant.request().body(gold).put("/v1/segments/tea").then().statusCode(201)
                .header("Location", endsWith("/v1/segments/tea/versions/2"))
                .body("version", equalTo(2)).body("rule.all[0].value", equalTo("gold"));
        tenant.request().body(gold).put("/v1/segments/tea").then().statusCode(200).body("version", equalTo(2));

        tenant.request().get("/v1/segments/tea").then().statusCode(200).body("version", equalTo(2)).body("name", equalTo("Gold tea viewers"));
        tenant.request().get("/v1/segments/tea/versions/1").then().statusCode(200)
                .body("name", equalTo("Tea viewers")).body("rule.all[0].consent", equalTo("email"));
        tenant.request().get("/v1/segments/tea/versions/3").then().statusCode(404)
                .body("detail", equalTo("segment version 'tea v3' does not exist"));
        tenant.request().get("/v1/segments/tea/versions/first").then().statusCode(400)
                .body("detail", equalTo("version: 'first' is not a version number"));
    }

    @Test
    void aRetriedCreateReturnsTheSegmentAndAnotherDefinitionUnderTheSameIdIsAConflict() {
        Api.TestTenant tenant = Api.newTenant();
        String create = "{\"id\":\"vip\",\"name\":\"VIP\",\"rule\":{\"attribute\":\"tier\",\"op\":\"in\",\"value\":[\"gold\",\"platinum\"]}}";
        tenant.request().body(create).post("/v1/segments").then().statusCode(201);
        tenant.request().body(create).post("/v1/segments").then().statusCode(200).body("version", equalTo(1));
        tenant.request().body("{\"id\":\"vip\",\"name\":\"VIP\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("segment 'vip' already exists; PUT /v1/segments/vip writes a new version of it"));
        tenant.request().get("/v1/segments/vip").then().statusCode(200).body("version", equalTo(1)).body("rule.op", equalTo("in"));

        String assigned = tenant.request().body("{\"name\":\"Email opt-ins\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments")
                .then().statusCode(201).body("id", startsWith("seg-")).extract().path("id");
        tenant.request().get("/v1/segments/" + assigned).then().statusCode(200).body("name", equalTo("Email opt-ins"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"all":[{"consent":"email"},{"any":[{"attribute":"tier","op":"equalz","value":"gold"}]}]} | rule.all[1].any[0].op: unknown operator 'equalz' (expected one of eq, neq, in, exists, gt, gte, lt, lte, before, after, within)
            {"not":{"event":"purchased","within":"P500D"}}                                         | rule.not.within: 'P500D' is longer than the event retention (P400D): older events are deleted, so the rule could never see them
            {"any":[{"event":"purchased","within":"7 days"}]}                                        | rule.any[0].within: '7 days' is not an ISO-8601 duration such as P30D or PT12H
            {"all":[{"attribute":"age","op":"gte","value":"18"}]}                                    | rule.all[0].value: gte takes a number, not the string '18'
            {"all":[{"attribute":"tier","op":"eq","value":"gold","extra":1}]}                        | rule.all[0].extra: unknown field (a 'attribute' rule has attribute, op, value)
            {"any":[{"segment":"other"}]}                                                            | rule.any[0]: a rule has one of the keys all, any, not, attribute, consent, locale, timezone, event
            {"locale":"not a tag"}                                                                   | rule.locale: 'not a tag' is not a BCP 47 language tag such as en-US or zh-CN
            {"timezone":["UTC","Mars/Olympus"]}                                                      | rule.timezone[1]: 'Mars/Olympus' is not an IANA time zone such as Europe/Paris or Asia/Shanghai
            {"event":"purchased","atLeast":1.5}                                                      | rule.atLeast: must be a whole number from 1 to 1000, not the number 1.5
            "tier = gold"                                                                            | rule: must be a rule object, not the string 'tier = gold'
            """)
    void anInvalidRuleIsA400NamingItsPathAndStoresNothing(String rule, String detail) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"bad\",\"name\":\"Bad\",\"rule\":" + rule + "}").post("/v1/segments")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo(detail));
        tenant.request().get("/v1/segments/bad").then().statusCode(404);

        tenant.request().body("{\"id\":\"good\",\"name\":\"Good\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(201);
        tenant.request().body("{\"name\":\"Good\",\"rule\":" + rule + "}").put("/v1/segments/good")
                .then().statusCode(400).body("detail", equalTo(detail));
        tenant.request().get("/v1/segments/good").then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aSegmentWithoutANameOrRuleOrWithABadIdIsA400() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"name\":\"No rule\"}").post("/v1/segments").then().statusCode(400)
                .body("detail", equalTo("rule: required: a rule object such as {\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}"));
        tenant.request().body("{\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(400)
                .body("detail", equalTo("name: required, 1 to 200 characters without control characters"));
        tenant.request().body("{\"id\":\"has space\",\"name\":\"x\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(400)
                .body("detail", startsWith("id: 'has space' must be 1 to 64 characters"));
        tenant.request().body("{\"id\":\"x\",\"name\":\"x\",\"rule\":{\"consent\":\"email\"}}").put("/v1/segments/x").then().statusCode(400)
                .body("detail", startsWith("unknown field 'id'"));
    }

    @Test
    void anUnknownSegmentIsA404() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().get("/v1/segments/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("segment 'nope' does not exist"));
        tenant.request().body("{\"name\":\"x\",\"rule\":{\"consent\":\"email\"}}").put("/v1/segments/nope").then().statusCode(404);
        tenant.request().get("/v1/segments/nope/versions/1").then().statusCode(404);
    }

    @Test
    void aPreviewCountsTheMatchingContactsWithEventsInsideTheWindowOnly() {
        Api.TestTenant tenant = Api.newTenant();
        Instant now = CLOCK.instant();
        contact(tenant, "in-window", "zh-CN", "granted");
        contact(tenant, "out-of-window", "zh-CN", "granted");
        contact(tenant, "bought-too", "en-GB", "granted");
        contact(tenant, "no-consent", "zh-CN", "denied");
        contact(tenant, "never-viewed", "zh-CN", "granted");
        events(tenant, event("in-window", "product_viewed", now.minus(Duration.ofDays(2)), "TEA-42"),
                event("in-window", "product_viewed", now.minus(Duration.ofDays(1)), "OTHER"),
                event("out-of-window", "product_viewed", now.minus(Duration.ofDays(8)), "TEA-42"),
                event("bought-too", "product_viewed", now.minus(Duration.ofDays(3)), "TEA-42"),
                event("bought-too", "purchased", now.minus(Duration.ofDays(1)), "TEA-42"),
                event("no-consent", "product_viewed", now.minus(Duration.ofDays(1)), "TEA-42"),
                event("never-viewed", "purchased", now.minus(Duration.ofDays(30)), "TEA-42"));
        tenant.request().body("{\"id\":\"tea\",\"name\":\"Tea viewers\",\"rule\":" + VIEWED_NOT_BOUGHT + "}").post("/v1/segments")
                .then().statusCode(201);

        Instant before = Instant.now();
        String countedAt = tenant.request().post("/v1/segments/tea/preview").then().statusCode(200)
                .body("segment.id", equalTo("tea")).body("segment.version", equalTo(1))
                .body("count", equalTo(1)).body("evaluated", equalTo(5)).body("complete", equalTo(true))
                .body("sample", hasSize(1)).body("sample[0].id", equalTo("in-window"))
                .body("sample[0].email", equalTo("in-window@example.com")).body("sample[0].locale", equalTo("zh-CN"))
                .body("sample[0]", not(hasKey("attributes")))
                .extract().path("countedAt");
        assertThat(Instant.parse(countedAt)).isBetween(before, Instant.now());

        tenant.request().body("{\"name\":\"Viewed in 10 days\",\"rule\":{\"event\":\"product_viewed\",\"where\":{\"sku\":\"TEA-42\"},"
                + "\"within\":\"P10D\"}}").put("/v1/segments/tea").then().statusCode(201);
        tenant.request().post("/v1/segments/tea/preview").then().statusCode(200)
                .body("segment.version", equalTo(2)).body("count", equalTo(4))
                .body("sample.id", contains("bought-too", "in-window", "no-consent", "out-of-window"));
        tenant.request().body("{\"version\":1}").post("/v1/segments/tea/preview").then().statusCode(200)
                .body("segment.version", equalTo(1)).body("count", equalTo(1));
        tenant.request().body("{\"version\":3}").post("/v1/segments/tea/preview").then().statusCode(404)
                .body("detail", equalTo("segment version 'tea v3' does not exist"));
        tenant.request().body("{\"version\":0}").post("/v1/segments/tea/preview").then().statusCode(400)
                .body("detail", equalTo("version: must be 1 or more"));
        tenant.request().post("/v1/segments/nope/preview").then().statusCode(404).body("detail", equalTo("segment 'nope' does not exist"));
    }

    @Test
    void theListPagesThroughEverySegmentAtItsLatestVersion() {
        Api.TestTenant tenant = Api.newTenant();
        for (String id : List.of("s1", "s2", "s3")) {
            tenant.request().body("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments")
                    .then().statusCode(201);
        }
        tenant.request().body("{\"name\":\"s2 v2\",\"rule\":{\"consent\":\"sms\"}}").put("/v1/segments/s2").then().statusCode(201);

        String next = tenant.request().queryParam("limit", 2).get("/v1/segments").then().statusCode(200)
                .body("items.id", contains("s1", "s2")).body("items[1].version", equalTo(2)).body("items[1].name", equalTo("s2 v2"))
                .extract().path("next");
        tenant.request().queryParam("limit", 2).queryParam("cursor", next).get("/v1/segments").then().statusCode(200)
                .body("items.id", contains("s3")).body("next", nullValue());
        tenant.request().queryParam("limit", 0).get("/v1/segments").then().statusCode(400);

        Api.TestTenant other = Api.newTenant();
        other.request().get("/v1/segments").then().statusCode(200).body("items", hasSize(0));
        other.request().queryParam("cursor", next).get("/v1/segments").then().statusCode(400)
                .body("detail", startsWith("cursor: not a cursor of this list"));
    }

    @Test
    void tenantBCannotSeeChangeOrPreviewTenantAsSegments() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        contact(a, "a-contact", "en", "granted");
        contact(b, "b-contact", "en", "granted");
        a.request().body("{\"id\":\"a-only\",\"name\":\"A's\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(201);

        b.request().get("/v1/segments/a-only").then().statusCode(404);
        b.request().get("/v1/segments/a-only/versions/1").then().statusCode(404);
        b.request().body("{\"name\":\"B's\",\"rule\":{\"consent\":\"sms\"}}").put("/v1/segments/a-only").then().statusCode(404);
        b.request().post("/v1/segments/a-only/preview").then().statusCode(404);
        b.request().get("/v1/segments").then().statusCode(200).body("items", hasSize(0));
        b.request().body("{\"id\":\"a-only\",\"name\":\"B's own\",\"rule\":{\"consent\":\"sms\"}}").post("/v1/segments").then().statusCode(201);

        a.request().get("/v1/segments/a-only").then().statusCode(200).body("name", equalTo("A's")).body("version", equalTo(1));
        a.request().post("/v1/segments/a-only/preview").then().statusCode(200).body("count", equalTo(1)).body("evaluated", equalTo(1))
                .body("sample[0].id", equalTo("a-contact"));
        b.request().post("/v1/segments/a-only/preview").then().statusCode(200).body("count", equalTo(0)).body("evaluated", equalTo(1));
        b.request().get("/v1/segments/a-only").then().statusCode(200).body("name", equalTo("B's own"));
    }

    private static void contact(Api.TestTenant tenant, String id, String locale, String emailConsent) {
        tenant.request().body("{\"id\":\"" + id + "\",\"email\":\"" + id + "@example.com\",\"locale\":\"" + locale + "\","
                + "\"consent\":{\"email\":{\"status\":\"" + emailConsent + "\"}}}").post("/v1/contacts").then().statusCode(201);
    }

    private static String event(String contactId, String type, Instant time, String sku) {
        return "{\"contactId\":\"" + contactId + "\",\"type\":\"" + type + "\",\"time\":\"" + time + "\",\"properties\":{\"sku\":\"" + sku + "\"}}";
    }

    private static void events(Api.TestTenant tenant, String... events) {
        tenant.request().body("{\"events\":[" + String.join(",", events) + "]}").post("/v1/events").then().statusCode(200)
                .body("created", equalTo(events.length));
    }
}
