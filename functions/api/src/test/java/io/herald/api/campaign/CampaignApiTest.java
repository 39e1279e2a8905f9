package io.herald.api.campaign;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@HeraldStack
class CampaignApiTest {

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignProgress progress;

    /** A tenant with segment 'lapsed' (versions 1 and 2), SES settings, sender domain acme.example and a prompt in two versions. */
    private static Api.TestTenant readyTenant() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"lapsed\",\"name\":\"Lapsed\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments")
                .then().statusCode(201);
        tenant.request().body("{\"name\":\"Lapsed, gold\",\"rule\":{\"all\":[{\"consent\":\"email\"},"
                + "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}]}}").put("/v1/segments/lapsed").then().statusCode(201);
        tenant.request().body(Map.of("region", "eu-west-1")).put("/v1/providers/ses").then().statusCode(200);
        CampaignFixtures.senderDomains(tenant.id(), "acme.example");
        for (String user : List.of("Write {{variants}} email(s) for {{product}}.", "Write {{variants}} short email(s) for {{product}}.")) {
            tenant.request().body(Map.of("name", "winback", "system", "You write for {{brand}}.", "user", user)).post("/v1/prompts")
                    .then().statusCode(201);
        }
        return tenant;
    }

    private static Map<String, Object> campaign() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Spring win-back");
        body.put("channel", "email");
        body.put("brief", Map.of("goal", "Bring lapsed customers back", "product", "the Spring collection", "ctaUrl", "https://shop.acme.example/spring"));
        body.put("variants", List.of(Map.of("id", "A", "prompt", Map.of("name", "winback", "version", 1)), Map.of("id", "B", "prompt", Map.of("name", "winback"))));
        body.put("segment", Map.of("id", "lapsed"));
        body.put("sender", Map.of("from", "Acme <news@mail.acme.example>", "replyTo", "help@acme.example"));
        body.put("provider", "ses");
        body.put("schedule", Map.of("type", "localTime", "date", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(), "time", "09:30",
                "defaultZone", "Europe/Paris"));
        body.put("sendWindow", Map.of("start", "08:00", "end", "20:00"));
        body.put("quietHours", Map.of("start", "12:00", "end", "13:30"));
        body.put("rateLimitPerMinute", 120);
        body.put("content", Map.of("groupBy", "tier", "mergeFields", Map.of("firstName", "there"), "fallback", "hold", "mode", "perVariant"));
        return body;
    }

    private static Map<String, Object> campaign(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = campaign();
        change.accept(body);
        return body;
    }

    private static String create(Api.TestTenant tenant) {
        return tenant.request().body(campaign()).post("/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    @Test
    void aCreatedCampaignIsADraftWithItsVersionsPinnedAndAnEvenSplit() {
        Api.TestTenant tenant = readyTenant();
        String id = tenant.request().body(campaign()).post("/v1/campaigns").then().statusCode(201)
                .header("Location", containsString("/v1/campaigns/cmp"))
                .body("status", equalTo("draft"))
                .body("segment.version", equalTo(2))
                .body("variants[0].prompt.version", equalTo(1)).body("variants[1].prompt.version", equalTo(2))
                .body("variants[0].weight", equalTo(0.5f)).body("variants[1].weight", equalTo(0.5f))
                .body("schedule.time", equalTo("09:30")).body("quietHours.start", equalTo("12:00"))
                .body("content.mergeFields.firstName", equalTo("there")).body("content.fallback", equalTo("hold"))
                .extract().path("id");

        tenant.request().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo("Spring win-back")).body("sender.from", equalTo("Acme <news@mail.acme.example>"))
                .body("provider", equalTo("ses")).body("rateLimitPerMinute", equalTo(120))
                .body("progress.planned", equalTo(0)).body("progress.sent", equalTo(0)).body("progress.failed.total", equalTo(0))
                .body("progress.model.estimatedCost.usd", equalTo(0.0f));
    }

    @Test
    void theListIsNewestFirstAndPagedWithACursor() {
        Api.TestTenant tenant = readyTenant();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create(tenant));
        }
        ValidatableResponse first = tenant.request().queryParam("limit", 2).get("/v1/campaigns").then().statusCode(200)
                .body("items", hasSize(2)).body("next", notNullValue());
        assertThat(first.extract().jsonPath().getList("items.id", String.class)).containsExactly(created.get(2), created.get(1));
        String next = first.extract().path("next");
        tenant.request().queryParam("limit", 2).queryParam("cursor", next).get("/v1/campaigns").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(created.get(0))).body("next", nullValue());
        tenant.request().queryParam("cursor", "not-a-cursor").get("/v1/campaigns").then().statusCode(400).body("detail", startsWith("cursor:"));
        tenant.request().queryParam("limit", 0).get("/v1/campaigns").then().statusCode(400).body("detail", startsWith("limit:"));
        // tenant B's cursor over its own list cannot read tenant A's
        Api.TestTenant other = readyTenant();
        create(other);
        create(other);
        String otherNext = other.request().queryParam("limit", 1).get("/v1/campaigns").then().statusCode(200).extract().path("next");
        tenant.request().queryParam("cursor", otherNext).get("/v1/campaigns").then().statusCode(400).body("detail", startsWith("cursor:"));
    }

    @Test
    void everyBadInputIsA400NamingTheFieldAndStoresNothing() {
        Api.TestTenant tenant = readyTenant();
        String past = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("segment: 'nobody' does not exist", campaign(b -> b.put("segment", Map.of("id", "nobody"))));
        cases.put("segment: 'lapsed' version 3 does not exist", campaign(b -> b.put("segment", Map.of("id", "lapsed", "version", 3))));
        cases.put("variants[1].prompt: prompt 'winback' version 9 does not exist",
                campaign(b -> b.put("variants", List.of(Map.of("id", "A"), Map.of("id", "B", "prompt", Map.of("name", "winback", "version", 9))))));
        cases.put("variants[0].prompt: prompt 'unknown' does not exist",
                campaign(b -> b.put("variants", List.of(Map.of("id", "A", "prompt", Map.of("name", "unknown"))))));
        cases.put("provider: 'pigeon' is not a provider", campaign(b -> b.put("provider", "pigeon")));
        cases.put("provider: 'sendgrid' has no credentials", campaign(b -> b.put("provider", "sendgrid")));
        cases.put("sender.from: the domain 'evil.example' is not one of the tenant's senderDomains [acme.example]",
                campaign(b -> b.put("sender", Map.of("from", "news@evil.example"))));
        cases.put("sender.from: 'not an address' is not an address", campaign(b -> b.put("sender", Map.of("from", "not an address"))));
        cases.put("schedule.at: " + past + " is in the past", campaign(b -> b.put("schedule", Map.of("type", "at", "at", past))));
        cases.put("has passed in every time zone",
                campaign(b -> b.put("schedule", Map.of("type", "localTime", "date", longAgo, "time", "09:00"))));
        cases.put("schedule.defaultZone: 'Mars/Olympus' is not an IANA time zone",
                campaign(b -> b.put("schedule", Map.of("type", "now", "defaultZone", "Mars/Olympus"))));
        cases.put("sendWindow: 09:00-09:00 is empty", campaign(b -> b.put("sendWindow", Map.of("start", "09:00", "end", "09:00"))));
        cases.put("quietHours: 21:00-08:00 cover the whole sendWindow 22:00-23:00", campaign(b -> {
            b.put("sendWindow", Map.of("start", "22:00", "end", "23:00"));
            b.put("quietHours", Map.of("start", "21:00", "end", "08:00"));
        }));
        cases.put("sendWindow.start: '25:00' is not a valid LocalTime", campaign(b -> b.put("sendWindow", Map.of("start", "25:00", "end", "09:00"))));
        cases.put("variants: required, 1 to 5 variants", campaign(b -> b.put("variants", List.of())));
        cases.put("variants: required, 1 to 5 variants ", campaign(b -> b.put("variants",
                List.of("A", "B", "C", "D", "E", "F").stream().map(v -> Map.of("id", v)).toList())));
        cases.put("variants[1].id: 'A' is used by another variant", campaign(b -> b.put("variants", List.of(Map.of("id", "A"), Map.of("id", "A")))));
        cases.put("channel: 'sms' campaigns are not supported yet", campaign(b -> b.put("channel", "sms")));
        cases.put("brief.ctaUrl: required", campaign(b -> b.put("brief", Map.of("goal", "g", "product", "p"))));
        cases.put("rateLimitPerMinute: 0 is not between 1 and 100000", campaign(b -> b.put("rateLimitPerMinute", 0)));
        cases.put("content.tokenBudget: required for mode perRecipient", campaign(b -> b.put("content", Map.of("mode", "perRecipient"))));
        cases.put("content.mergeFields[].name: 'first name' is not a merge field", campaign(b -> b.put("content", Map.of("mergeFields", Map.of("first name", "x")))));
        Map<String, Object> noDefault = new HashMap<>();
        noDefault.put("firstName", null);
        cases.put("content.mergeFields: every field needs a default", campaign(b -> b.put("content", Map.of("mergeFields", noDefault))));
        cases.put("name: required", campaign(b -> b.remove("name")));
        cases.put("unknown field 'variants[0].weight'", campaign(b -> b.put("variants", List.of(Map.of("id", "A", "weight", 0.9)))));
        cases.forEach((detail, body) -> tenant.request().body(body).post("/v1/campaigns").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString(detail.strip())));
        tenant.request().get("/v1/campaigns").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theStateMachineMovesOnlyAlongItsEdgesAndEveryOtherMoveIsA409NamingTheState() {
        Api.TestTenant tenant = readyTenant();
        String id = create(tenant);
        String base = "/v1/campaigns/" + id;
        conflict(tenant, base + "/pause", "is draft");
        conflict(tenant, base + "/resume", "is draft");
        tenant.request().post(base + "/schedule").then().statusCode(200).body("status", equalTo("scheduled")).body("dueAt", notNullValue());
        conflict(tenant, base + "/schedule", "is scheduled");
        conflict(tenant, base + "/resume", "is scheduled");
        tenant.request().post(base + "/pause").then().statusCode(200).body("status", equalTo("paused")).body("pausedFrom", equalTo("scheduled"));
        conflict(tenant, base + "/pause", "is paused");
        conflict(tenant, base + "/schedule", "is paused");
        tenant.request().post(base + "/resume").then().statusCode(200).body("status", equalTo("scheduled")).body("pausedFrom", nullValue());

        // the planner's moves: scheduled to running to completed
        assertThat(campaigns.start(tenant.id(), id, Instant.now())).isPresent();
        assertThat(campaigns.isSendable(tenant.id(), id)).isTrue();
        tenant.request().post(base + "/pause").then().statusCode(200).body("pausedFrom", equalTo("running"));
        assertThat(campaigns.isSendable(tenant.id(), id)).isFalse();
        tenant.request().post(base + "/resume").then().statusCode(200).body("status", equalTo("running"));
        assertThat(campaigns.start(tenant.id(), id, Instant.now())).as("a running campaign is not started twice").isEmpty();
        assertThat(campaigns.complete(tenant.id(), id)).isPresent();
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            conflict(tenant, base + "/" + action, "is completed");
        }
        assertThat(campaigns.isSendable(tenant.id(), id)).isFalse();

        String other = create(tenant);
        tenant.request().post("/v1/campaigns/" + other + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            conflict(tenant, "/v1/campaigns/" + other + "/" + action, "is cancelled");
        }
        tenant.request().post("/v1/campaigns/cmp-nope/pause").then().statusCode(404).contentType("application/problem+json");
    }

    private static void conflict(Api.TestTenant tenant, String path, String state) {
        tenant.request().post(path).then().statusCode(409).contentType("application/problem+json").body("detail", containsString(state));
    }

    @Test
    void schedulingChecksAgainThatTheProviderIsStillSetUp() {
        Api.TestTenant tenant = readyTenant();
        String id = create(tenant);
        tenant.request().delete("/v1/providers/ses").then().statusCode(204);
        tenant.request().post("/v1/campaigns/" + id + "/schedule").then().statusCode(400)
                .body("detail", startsWith("provider: 'ses' has no credentials"));
        tenant.request().get("/v1/campaigns/" + id).then().statusCode(200).body("status", equalTo("draft"));
    }

    @Test
    void concurrentPausesApplyOnce() throws Exception {
        Api.TestTenant tenant = readyTenant();
        String id = create(tenant);
        tenant.request().post("/v1/campaigns/" + id + "/schedule").then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> pauses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pauses.add(CompletableFuture.supplyAsync(() -> tenant.request().post("/v1/campaigns/" + id + "/pause").statusCode(), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> pause : pauses) {
                statuses.add(pause.get());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePlannerSeesScheduledAndRunningCampaignsOnlyAndOnlyOnceDue() {
        Api.TestTenant tenant = readyTenant();
        String later = tenant.request().body(campaign()).post("/v1/campaigns").then().statusCode(201).extract().path("id");
        String soon = tenant.request().body(campaign(b -> b.put("schedule", Map.of("type", "now")))).post("/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        String draft = create(tenant);
        tenant.request().post("/v1/campaigns/" + later + "/schedule").then().statusCode(200);
        tenant.request().post("/v1/campaigns/" + soon + "/schedule").then().statusCode(200);

        Instant now = Instant.now();
        assertThat(dueIds(tenant, now)).containsExactly(soon);
        assertThat(dueIds(tenant, now.plus(5, ChronoUnit.DAYS))).containsExactlyInAnyOrder(soon, later);

        tenant.request().post("/v1/campaigns/" + soon + "/pause").then().statusCode(200);
        assertThat(dueIds(tenant, now.plus(5, ChronoUnit.DAYS))).containsExactly(later);
        tenant.request().post("/v1/campaigns/" + soon + "/resume").then().statusCode(200);
        assertThat(campaigns.deferDue(tenant.id(), soon, now.plus(10, ChronoUnit.MINUTES))).isPresent();
        assertThat(dueIds(tenant, now.plus(1, ChronoUnit.MINUTES))).isEmpty();
        assertThat(dueIds(tenant, now.plus(11, ChronoUnit.MINUTES))).containsExactly(soon);
        tenant.request().post("/v1/campaigns/" + later + "/cancel").then().statusCode(200);
        assertThat(dueIds(tenant, now.plus(5, ChronoUnit.DAYS))).containsExactly(soon).doesNotContain(draft);
    }

    private List<String> dueIds(Api.TestTenant tenant, Instant now) {
        return campaigns.dueCampaigns(now).stream().filter(c -> c.tenantId().equals(tenant.id())).map(Campaign::id).toList();
    }

    @Test
    void progressSumsConcurrentShardedCountersAndEstimatesTheModelCost() throws Exception {
        Api.TestTenant tenant = readyTenant();
        String id = create(tenant);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                writes.add(CompletableFuture.runAsync(() -> progress.record(tenant.id(), id, Map.of(
                        CampaignProgress.PLANNED, 5L, CampaignProgress.QUEUED, 5L, CampaignProgress.SENT, 4L,
                        CampaignProgress.failed("INVALID_RECIPIENT"), 1L)), pool));
            }
            for (CompletableFuture<Void> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        progress.record(tenant.id(), id, Map.of(CampaignProgress.SKIPPED_NO_CONSENT, 3L, CampaignProgress.SKIPPED_NO_EMAIL, 2L,
                CampaignProgress.SUPPRESSED, 6L, CampaignProgress.UNKNOWN, 1L, CampaignProgress.HELD, 7L, CampaignProgress.MODEL_CALLS, 15L,
                CampaignProgress.inputTokens("gpt-4o-mini"), 1_000_000L, CampaignProgress.outputTokens("gpt-4o-mini"), 500_000L,
                CampaignProgress.inputTokens("home-made-model"), 10L));
        tenant.request().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("progress.planned", equalTo(200)).body("progress.queued", equalTo(200)).body("progress.sent", equalTo(160))
                .body("progress.failed.total", equalTo(40)).body("progress.failed.reasons.INVALID_RECIPIENT", equalTo(40))
                .body("progress.skipped.total", equalTo(5)).body("progress.skipped.reasons.noConsent", equalTo(3))
                .body("progress.skipped.reasons.noEmail", equalTo(2)).body("progress.suppressed", equalTo(6))
                .body("progress.unknown", equalTo(1)).body("progress.held", equalTo(7))
                .body("progress.model.calls", equalTo(15)).body("progress.model.inputTokens", equalTo(1_000_010))
                .body("progress.model.outputTokens", equalTo(500_000))
                // 1M input at 0.15 and 0.5M output at 0.60 USD per million
                .body("progress.model.estimatedCost.usd", equalTo(0.45f))
                .body("progress.model.estimatedCost.unpricedModels", equalTo(List.of("home-made-model")))
                .body("progress.model.estimatedCost.basis", startsWith("estimate"));
    }

    @Test
    void tenantBCanNeitherSeeNorChangeTenantACampaigns() {
        Api.TestTenant a = readyTenant();
        Api.TestTenant b = readyTenant();
        String id = create(a);
        a.request().post("/v1/campaigns/" + id + "/schedule").then().statusCode(200);
        b.request().get("/v1/campaigns/" + id).then().statusCode(404).contentType("application/problem+json");
        b.request().get("/v1/campaigns").then().statusCode(200).body("items", hasSize(0));
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            b.request().post("/v1/campaigns/" + id + "/" + action).then().statusCode(404);
        }
        a.request().get("/v1/campaigns/" + id).then().statusCode(200).body("status", equalTo("scheduled"));
        Api.as("hk_not_a_key").get("/v1/campaigns/" + id).then().statusCode(401);
    }
}
