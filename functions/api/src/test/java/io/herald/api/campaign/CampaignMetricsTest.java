package io.herald.api.campaign;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.TestClock;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.sending.SendOutcomes;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.tracking.Attribution;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.Classification;
import io.herald.core.tracking.EventApplier;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.Money;
import io.herald.core.tracking.StoredEvent;
import io.herald.core.tracking.TrackedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The reconcile proves the counters right: events (duplicates, machine and human opens, scanner and human clicks,
 * bounces of both kinds, conversions in two currencies, three variants, four hours, one applied out of order, a test
 * send's) are stored and counted the live way, the live counters are then corrupted, and after the reconcile the
 * metrics endpoint answers exactly what this test counts on its own from the events and message records.
 */
@QuarkusTest
@HeraldStack
class CampaignMetricsTest {

    private static final List<String> VARIANTS = List.of("A", "B", "C");

    @Inject
    Store store;

    @Inject
    EventApplier applier;

    @Inject
    Messages messages;

    @Inject
    CampaignProgress progress;

    /** A draft campaign with variants A, B and C in a tenant set up to send through SES. */
    private static String campaign(Api.TestTenant tenant) {
        tenant.request().body("{\"id\":\"all\",\"name\":\"All\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments").then().statusCode(201);
        tenant.request().body(Map.of("region", "eu-west-1")).put("/v1/providers/ses").then().statusCode(200);
        tenant.request().body(Map.of("modelFields", List.of("locale"), "linkDomains", List.of("acme.example"), "bannedPhrases", List.of(),
                "brandName", "Acme", "senderDomains", List.of("acme.example"), "postalAddress", "1 Market Street, Springfield"))
                .put("/v1/settings").then().statusCode(200);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Metrics");
        body.put("channel", "email");
        body.put("brief", Map.of("goal", "Sell tea", "product", "Longjing", "ctaUrl", "https://shop.acme.example/tea"));
        body.put("variants", VARIANTS.stream().map(v -> Map.of("id", v)).toList());
        body.put("segment", Map.of("id", "all"));
        body.put("sender", Map.of("from", "Acme <news@mail.acme.example>"));
        body.put("provider", "ses");
        body.put("schedule", Map.of("type", "now"));
        body.put("content", Map.of("fallback", "template"));
        return tenant.request().body(body).post("/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    // ---- the campaign's messages: 8 sent, one failed, one suppressed, one without consent, one unknown, one test copy

    private String variantOf(int i) {
        return VARIANTS.get(i % VARIANTS.size());
    }

    private static String messageId(String campaignId, int i) {
        return campaignId + "-msg-" + i;
    }

    private MessageRecord fresh(String tenantId, String campaignId, int i, MessageStatus status, String reason, boolean test) {
        Instant now = TestClock.now();
        return new MessageRecord(messageId(campaignId, i), tenantId, campaignId, test ? null : "c" + i, "p" + i + "@example.com",
                status == MessageStatus.skipped ? null : new MessageContent(variantOf(i), "cnt", "all", "template", null, null, null),
                status, "claim-" + i, now, now.plusSeconds(300), 1, ProviderKind.ses, null, reason, null, now, test);
    }

    /** Writes the records as the send step does and counts them live; answers the live counts it added. */
    private void writeMessages(String tenantId, String campaignId) {
        for (int i = 0; i < 12; i++) {
            MessageKey key = MessageKey.campaign(tenantId, "c" + i, campaignId);
            Map<String, Long> live = new HashMap<>();
            if (i < 8 || i == 8 || i == 11) {
                MessageRecord claimed = fresh(tenantId, campaignId, i, MessageStatus.sending, null, false);
                assertThat(messages.claim(key, claimed)).isInstanceOf(Messages.Claim.Granted.class);
                if (i < 8) {
                    messages.markSent(key, claimed, new SendReceipt(ProviderKind.ses, "ses-" + i));
                    live.put("sent", 1L);
                    live.put("variant." + variantOf(i) + ".sent", 1L);
                } else if (i == 8) {
                    messages.markFailed(key, claimed, SendOutcomes.providerFailure(
                            new DeliveryException(DeliveryException.Reason.INVALID_RECIPIENT, null, "550 5.1.1 no such user")));
                    live.put("failed.INVALID_RECIPIENT", 1L);
                    live.put("variant." + variantOf(i) + ".failed", 1L);
                } else {
                    messages.markUnknown(key, claimed, "the provider may have it");
                    live.put("unknown", 1L);
                    live.put("variant." + variantOf(i) + ".unknown", 1L);
                }
            } else {
                String reason = i == 9 ? SendOutcomes.SUPPRESSED : SendOutcomes.NO_CONSENT;
                messages.skip(key, fresh(tenantId, campaignId, i, MessageStatus.skipped, reason, false));
                live.put(i == 9 ? "suppressed" : "skipped.noConsent", 1L);
            }
            progress.record(tenantId, campaignId, live);
        }
        MessageKey testKey = MessageKey.test(tenantId, campaignId, "req1", "A", "qa@example.com");
        MessageRecord test = fresh(tenantId, campaignId, 99, MessageStatus.sending, null, true);
        messages.claim(testKey, test);
        messages.markSent(testKey, test, new SendReceipt(ProviderKind.ses, "ses-test"));
        progress.record(tenantId, campaignId, Map.of("planned", 12L, "queued", 12L));
    }

    // ---- the events, as the track worker stores them (the contract of the apply slice) and counts them live

    private record Ev(int message, String id, EventType type, int hour, int minute, boolean machine, Bounce bounce, Money value, boolean test) {
    }

    private static Ev ev(int message, String id, EventType type, int hour, int minute) {
        return new Ev(message, id, type, hour, minute, false, null, null, false);
    }

    /** In the order the track worker receives them: duplicates included, message 2's later open first. */
    private static List<Ev> events() {
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(ev(i, "sg:delivered-" + i, EventType.delivered, 0, i));
        }
        events.add(ev(0, "sg:delivered-0", EventType.delivered, 0, 0)); // the same event posted again
        events.add(ev(1, "sg:delivered-1-again", EventType.delivered, 0, 20)); // a second delivery report of one message
        events.add(new Ev(6, "sg:bounce-6", EventType.bounce, 0, 30, false, Bounce.hard, null, false));
        events.add(new Ev(7, "sg:bounce-7-soft", EventType.bounce, 0, 31, false, Bounce.soft, null, false));
        events.add(new Ev(7, "sg:bounce-7-hard", EventType.bounce, 1, 5, false, Bounce.hard, null, false));
        events.add(ev(4, "sg:deferred-4a", EventType.deferred, 0, 2));
        events.add(ev(4, "sg:deferred-4b", EventType.deferred, 0, 9));
        for (int i = 0; i < 6; i++) {
            events.add(new Ev(i, "open:mpp-" + i, EventType.open, 0, 10 + i, true, null, null, false)); // privacy proxy prefetch
        }
        events.add(new Ev(0, "open:mpp-0b", EventType.open, 1, 0, true, null, null, false));
        events.add(ev(2, "open:human-2-late", EventType.open, 3, 10)); // applied before the earlier one below
        for (int i = 0; i < 4; i++) {
            events.add(ev(i, "open:human-" + i, EventType.open, 1, 15 + i));
        }
        events.add(ev(0, "open:human-0-again", EventType.open, 2, 1));
        events.add(ev(0, "open:human-0-again", EventType.open, 2, 1)); // pixel fetched twice under one id
        events.add(new Ev(4, "click:scanner-4", EventType.click, 0, 11, true, null, null, false));
        events.add(new Ev(4, "click:scanner-4b", EventType.click, 0, 11, true, null, null, false));
        events.add(ev(0, "click:human-0", EventType.click, 2, 5));
        events.add(ev(0, "click:human-0b", EventType.click, 2, 7));
        events.add(ev(1, "click:human-1", EventType.click, 2, 9));
        events.add(ev(5, "sg:complaint-5", EventType.complaint, 1, 40));
        events.add(ev(3, "unsubscribe:3", EventType.unsubscribe, 2, 30));
        events.add(ev(3, "unsubscribe:3", EventType.unsubscribe, 2, 30));
        events.add(ev(3, "sg:unsubscribe-3", EventType.unsubscribe, 2, 31)); // the provider reports it too: once per message
        events.add(new Ev(0, "conversion:o-1", EventType.conversion, 2, 40, false, null, new Money(1999, "EUR"), false));
        events.add(new Ev(0, "conversion:o-1", EventType.conversion, 2, 40, false, null, new Money(1999, "EUR"), false));
        events.add(new Ev(1, "conversion:o-2", EventType.conversion, 3, 2, false, null, new Money(500, "EUR"), false));
        events.add(new Ev(2, "conversion:o-3", EventType.conversion, 3, 3, false, null, new Money(1200, "JPY"), false));
        events.add(new Ev(99, "open:test-copy", EventType.open, 1, 1, false, null, null, true));
        return events;
    }

    private static StoredEvent stored(String tenantId, String campaignId, Ev e, Instant base, boolean unique) {
        String messageId = messageId(campaignId, e.message);
        EventDetail detail = new EventDetail(e.bounce, e.type == EventType.click ? "https://shop.acme.example/tea" : null, null, null, e.value,
                e.value == null ? null : "purchase");
        TrackedEvent event = new TrackedEvent(e.id, e.type, base.plus(e.hour, ChronoUnit.HOURS).plus(e.minute, ChronoUnit.MINUTES),
                new MessageRef(messageId, tenantId, ProviderKind.sendgrid, null, null), null, detail);
        Attribution to = new Attribution(tenantId, campaignId, VARIANTS.get(e.message % VARIANTS.size()), messageId, e.test ? null : "c" + e.message, e.test);
        return new StoredEvent(event, to, e.machine ? Classification.machine("Apple Mail Privacy Protection") : Classification.human(), unique, TestClock.now());
    }

    /**
     * The live path itself: the events go through the track worker's applier as one job (a machine open carries the
     * provider's machine flag, as SendGrid's does), which stores each once, claims uniqueness and adds the counters.
     */
    private void applyLive(String tenantId, String campaignId, List<Ev> events, Instant base) {
        List<TrackedEvent> tracked = new ArrayList<>();
        for (Ev e : events) {
            TrackedEvent event = stored(tenantId, campaignId, e, base, false).event();
            Evidence evidence = e.machine ? new Evidence(null, null, null, "sg_machine_open") : Evidence.none();
            tracked.add(new TrackedEvent(event.eventId(), event.type(), event.occurredAt(), event.message(), evidence, event.detail()));
        }
        applier.apply(new TrackJob(tenantId, "sendgrid", TestClock.now(), tracked));
    }

    // ---- the independent count: what each number means, written out without MetricDeltas

    private record Expected(Map<String, Long> total, Map<String, Map<String, Long>> variants, Map<String, Map<String, Long>> hourly) {
    }

    private Expected count(List<Ev> events, Instant base) {
        Map<String, Ev> distinct = new LinkedHashMap<>();
        for (Ev e : events) {
            if (!e.test) {
                distinct.putIfAbsent(e.message + "|" + e.id, e);
            }
        }
        Map<String, Map<String, Long>> byVariant = new TreeMap<>();
        Map<String, Map<String, Long>> hourly = new TreeMap<>();
        Map<String, Ev> firsts = new HashMap<>();
        for (Ev e : distinct.values()) {
            String kind = switch (e.type) {
                case open, click -> e.type + (e.machine ? ".machine" : ".human");
                case bounce -> "bounced." + e.bounce;
                case delivered -> "delivered";
                case deferred -> "deferred";
                case dropped -> "dropped";
                case complaint -> "complained";
                case unsubscribe -> "unsubscribed";
                case conversion -> "conversion";
            };
            Ev first = firsts.get(e.message + "|" + kind);
            if (first == null || e.hour * 60 + e.minute < first.hour * 60 + first.minute) {
                firsts.put(e.message + "|" + kind, e);
            }
            if (e.type == EventType.open || e.type == EventType.click) {
                add(byVariant, hourly, e, base, (e.type == EventType.open ? "opens" : "clicks") + ".total." + (e.machine ? "machine" : "human"), 1);
            }
            if (e.type == EventType.conversion) {
                add(byVariant, hourly, e, base, "conversions", 1);
                add(byVariant, hourly, e, base, "revenue." + e.value.currency(), e.value.minor());
            }
        }
        firsts.forEach((key, e) -> {
            String kind = key.substring(key.indexOf('|') + 1);
            if (kind.startsWith("open.") || kind.startsWith("click.")) {
                add(byVariant, hourly, e, base, (e.type == EventType.open ? "opens" : "clicks") + ".unique." + (e.machine ? "machine" : "human"), 1);
            } else if (!kind.equals("conversion")) {
                add(byVariant, hourly, e, base, kind, 1);
            }
        });
        for (int i = 0; i < 8; i++) {
            byVariant.computeIfAbsent(variantOf(i), v -> new TreeMap<>()).merge("sent", 1L, Long::sum);
        }
        Map<String, Long> total = new TreeMap<>();
        byVariant.values().forEach(m -> m.forEach((c, v) -> total.merge(c, v, Long::sum)));
        return new Expected(total, byVariant, hourly);
    }

    private void add(Map<String, Map<String, Long>> byVariant, Map<String, Map<String, Long>> hourly, Ev e, Instant base, String counter, long value) {
        byVariant.computeIfAbsent(variantOf(e.message), v -> new TreeMap<>()).merge(counter, value, Long::sum);
        hourly.computeIfAbsent(base.plus(e.hour, ChronoUnit.HOURS).toString(), h -> new TreeMap<>()).merge(counter, value, Long::sum);
    }

    /** A metric set of the answer as counter names, without the zeros: what {@link #count} produces. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> counters(Map<String, Object> set) {
        Map<String, Long> out = new TreeMap<>();
        for (String name : List.of("sent", "delivered", "deferred", "dropped", "complained", "unsubscribed", "conversions")) {
            out.put(name, ((Number) set.get(name)).longValue());
        }
        Map<String, Object> bounced = (Map<String, Object>) set.get("bounced");
        out.put("bounced.hard", ((Number) bounced.get("hard")).longValue());
        out.put("bounced.soft", ((Number) bounced.get("soft")).longValue());
        assertThat(((Number) bounced.get("total")).longValue()).isEqualTo(out.get("bounced.hard") + out.get("bounced.soft"));
        for (String family : List.of("opens", "clicks")) {
            Map<String, Map<String, Object>> f = (Map<String, Map<String, Object>>) set.get(family);
            for (String who : List.of("human", "machine")) {
                out.put(family + ".unique." + who, ((Number) f.get(who).get("unique")).longValue());
                out.put(family + ".total." + who, ((Number) f.get(who).get("total")).longValue());
            }
        }
        for (Map<String, Object> revenue : (List<Map<String, Object>>) set.get("revenue")) {
            out.put("revenue." + revenue.get("currency"), ((Number) revenue.get("minor")).longValue());
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static Map<String, Map<String, Long>> hourly(JsonPath json) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Map<String, Object> hour : json.<Map<String, Object>>getList("hourly")) {
            Map<String, Long> c = new TreeMap<>();
            ((Map<String, Object>) hour.get("counters")).forEach((k, v) -> c.put(k, ((Number) v).longValue()));
            out.put((String) hour.get("hour"), c);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void assertMetrics(JsonPath json, Expected expected) {
        assertThat(counters(json.getMap("total"))).as("total").isEqualTo(expected.total);
        for (Map<String, Object> variant : json.<Map<String, Object>>getList("variants")) {
            assertThat(counters(variant)).as("variant " + variant.get("variant")).isEqualTo(expected.variants.get((String) variant.get("variant")));
        }
        assertThat(json.<String>getList("variants.variant")).containsExactlyElementsOf(VARIANTS);
        assertThat(hourly(json)).as("hourly").isEqualTo(expected.hourly);
    }

    @Test
    void afterTheCountersAreCorruptedTheReconcileMakesTheMetricsEqualAnIndependentCount() {
        Instant now = TestClock.fix();
        Instant base = now.minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Api.TestTenant tenant = Api.newTenant();
        String id = campaign(tenant);
        writeMessages(tenant.id(), id);
        List<Ev> events = events();
        applyLive(tenant.id(), id, events, base);
        Expected expected = count(events, base);

        // live, nothing lost: the totals are right already; the late-applied open counts its uniqueness an hour late
        JsonPath live = tenant.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(200).extract().jsonPath();
        assertThat(counters(live.getMap("total"))).isEqualTo(expected.total);
        assertThat(hourly(live)).isNotEqualTo(expected.hourly);

        // corrupt them: junk added to a shard, a junk hour, a shard deleted; progress junk
        String pk = Keys.campaign(tenant.id(), id);
        store.add(pk, Keys.metricsSk(hourKey(base), "A", 2), Map.of("delivered", 5L, "opens.total.human", 7L));
        store.add(pk, Keys.metricsSk(hourKey(base.plus(5, ChronoUnit.HOURS)), "B", 1), Map.of("clicks.unique.human", 3L));
        String lost = store.numbersBySortKey(pk, KeyRange.prefix(Keys.metricsPrefix() + hourKey(base.plus(2, ChronoUnit.HOURS)))).keySet()
                .iterator().next();
        store.delete(pk, lost);
        progress.record(tenant.id(), id, Map.of("sent", 3L, "variant.A.sent", 2L, "failed.TRANSIENT", 1L, "skipped.noEmail", 4L));
        JsonPath corrupted = tenant.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(200).extract().jsonPath();
        assertThat(counters(corrupted.getMap("total"))).isNotEqualTo(expected.total);

        // a draft that is still running would only report the progress recount; cancelled, it is rewritten
        tenant.request().post("/v1/campaigns/" + id + "/cancel").then().statusCode(200);
        JsonPath report = tenant.request().post("/v1/campaigns/" + id + "/metrics/reconcile").then().statusCode(200)
                .body("campaignId", equalTo(id)).body("status", equalTo("cancelled"))
                .body("progress.applied", equalTo(true)).body("progress.messagesRead", equalTo(12))
                .body("progress.corrections.sent.before", equalTo(11)).body("progress.corrections.sent.after", equalTo(8))
                .body("engagement.corrections.delivered.before", equalTo(13)).body("engagement.corrections.delivered.after", equalTo(8))
                .extract().jsonPath();
        assertThat(report.getInt("engagement.eventsRead")).as("each stored event once, the test copy's too").isEqualTo(distinctStored(events));

        JsonPath reconciled = tenant.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(200).extract().jsonPath();
        assertMetrics(reconciled, expected);
        tenant.request().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("progress.sent", equalTo(8)).body("progress.failed.total", equalTo(1)).body("progress.failed.reasons.INVALID_RECIPIENT", equalTo(1))
                .body("progress.suppressed", equalTo(1)).body("progress.skipped.total", equalTo(1)).body("progress.skipped.reasons.noConsent", equalTo(1))
                .body("progress.unknown", equalTo(1)).body("progress.planned", equalTo(12)).body("progress.queued", equalTo(12));
        assertThat(progress.totals(tenant.id(), id)).containsEntry("variant.C.failed", 1L).containsEntry("variant.C.unknown", 1L)
                .doesNotContainKey("failed.TRANSIENT");

        // the rates name their denominators; delivered was reported, so they divide by it
        assertThat(reconciled.getString("total.rates.clickRate.denominator")).isEqualTo("delivered");
        assertThat(reconciled.getDouble("total.rates.clickRate.value")).isEqualTo(0.25); // 2 human clickers of 8 delivered
        assertThat(reconciled.getString("total.rates.clickToOpenRate.denominator")).isEqualTo("opens.unique.human");
        assertThat(reconciled.getDouble("total.rates.clickToOpenRate.value")).isEqualTo(0.5); // 2 of 4 human openers
        assertThat(reconciled.getString("total.revenue.find { it.currency == 'EUR' }.amount")).isEqualTo("24.99");
        assertThat(reconciled.getString("total.revenue.find { it.currency == 'JPY' }.amount")).isEqualTo("1200");

        // again: nothing left to correct
        tenant.request().post("/v1/campaigns/" + id + "/metrics/reconcile").then().statusCode(200)
                .body("engagement.itemsWritten", equalTo(0)).body("engagement.itemsDeleted", equalTo(0))
                .body("engagement.corrections.size()", equalTo(0)).body("progress.itemsChanged", equalTo(0));

        // the hourly series' window
        JsonPath window = tenant.request().queryParam("from", base.plus(1, ChronoUnit.HOURS).plusSeconds(600).toString())
                .queryParam("to", base.plus(3, ChronoUnit.HOURS).toString()).get("/v1/campaigns/" + id + "/metrics")
                .then().statusCode(200).extract().jsonPath();
        assertThat(window.<String>getList("hourly.hour")).containsExactly(base.plus(1, ChronoUnit.HOURS).toString(), base.plus(2, ChronoUnit.HOURS).toString());
        assertThat(counters(window.getMap("total"))).isEqualTo(expected.total);
    }

    private static int distinctStored(List<Ev> events) {
        Set<String> keys = new HashSet<>();
        events.forEach(e -> keys.add(e.message + "|" + e.id));
        return keys.size();
    }

    private static String hourKey(Instant hour) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(java.time.ZoneOffset.UTC).format(hour);
    }

    @Test
    void theCurrentHourIsLeftToTheLiveCountersAndARunningCampaignsProgressIsOnlyReported() {
        Instant now = TestClock.fix();
        Api.TestTenant tenant = Api.newTenant();
        String id = campaign(tenant);
        String pk = Keys.campaign(tenant.id(), id);
        store.add(pk, Keys.metricsSk(hourKey(now), "A", 1), Map.of("opens.total.human", 4L));
        store.add(pk, Keys.metricsSk(hourKey(now.minus(2, ChronoUnit.HOURS)), "A", 1), Map.of("opens.total.human", 9L));
        progress.record(tenant.id(), id, Map.of("sent", 2L));
        tenant.request().post("/v1/campaigns/" + id + "/metrics/reconcile").then().statusCode(200)
                .body("engagement.settledBefore", equalTo(hourKey(now.minus(10, ChronoUnit.MINUTES))))
                .body("engagement.itemsDeleted", equalTo(1)).body("engagement.corrections.'opens.total.human'.before", equalTo(9))
                .body("progress.applied", equalTo(false)).body("progress.corrections.sent.after", equalTo(0));
        tenant.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(200)
                .body("total.opens.human.total", equalTo(4)).body("total.sent", equalTo(2))
                .body("hourly.size()", equalTo(1)).body("hourly[0].hour", equalTo(now.truncatedTo(ChronoUnit.HOURS).toString()))
                .body("total.rates.clickRate.denominator", equalTo("sent")).body("total.rates.clickToOpenRate.value", equalTo(null));
    }

    @Test
    void anotherTenantsCampaignIsNotFoundAndBadWindowsAre400s() {
        Api.TestTenant owner = Api.newTenant();
        String id = campaign(owner);
        Api.TestTenant other = Api.newTenant();
        other.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(404)
                .body("detail", equalTo("campaign '" + id + "' does not exist"));
        other.request().post("/v1/campaigns/" + id + "/metrics/reconcile").then().statusCode(404);
        owner.request().queryParam("from", "yesterday").get("/v1/campaigns/" + id + "/metrics").then().statusCode(400)
                .body("detail", startsWith("from: 'yesterday' is not an ISO-8601 instant"));
        owner.request().queryParam("from", "2030-01-02T00:00:00Z").queryParam("to", "2030-01-01T00:00:00Z").get("/v1/campaigns/" + id + "/metrics")
                .then().statusCode(400).body("detail", equalTo("from: must be before to"));
        io.restassured.RestAssured.given().get("/v1/campaigns/" + id + "/metrics").then().statusCode(401);
        owner.request().get("/v1/campaigns/" + id + "/metrics").then().statusCode(200)
                .body("total.sent", equalTo(0)).body("total.rates.clickRate.value", equalTo(null))
                .body("variants.variant", equalTo(VARIANTS)).body("hourly.size()", equalTo(0));
    }
}
