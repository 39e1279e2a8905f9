package io.herald.api.segment;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@HeraldStack
class SegmentApiTest {

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
    void tenantBCannotSeeOrChangeTenantAsSegments() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body("{\"id\":\"a-only\",\"name\":\"A's\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(201);

        b.request().get("/v1/segments/a-only").then().statusCode(404);
        b.request().get("/v1/segments/a-only/versions/1").then().statusCode(404);
        b.request().body("{\"name\":\"B's\",\"rule\":{\"consent\":\"sms\"}}").put("/v1/segments/a-only").then().statusCode(404);
        b.request().body("{\"id\":\"a-only\",\"name\":\"B's own\",\"rule\":{\"consent\":\"sms\"}}").post("/v1/segments").then().statusCode(201);

        a.request().get("/v1/segments/a-only").then().statusCode(200).body("name", equalTo("A's")).body("version", equalTo(1));
        b.request().get("/v1/segments/a-only").then().statusCode(200).body("name", equalTo("B's own"));
    }
}
