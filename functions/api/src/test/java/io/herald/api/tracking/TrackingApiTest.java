package io.herald.api.tracking;

import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.HeraldTestResources;
import io.herald.api.testing.TestClock;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import io.herald.core.tracking.TrackedEvent;
import io.herald.core.tracking.firstparty.ClickToken;
import io.herald.core.tracking.firstparty.TrackingLinks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The public pixel and redirect: what they answer, and the event each puts on the herald-track queue. */
@QuarkusTest
@HeraldStack
class TrackingApiTest {

    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

    @Inject
    TrackingLinks links;

    @Inject
    TrackQueue queue;

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static RequestSpecification noRedirects() {
        return given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    private String clickPath(String tenant, String messageId, String url, int index, int count) {
        return "/t/c/" + links.clickToken(new ClickToken(tenant, messageId, url, index, count, Instant.now()));
    }

    @Test
    void trackingLinksPointAtThePublicBaseUrl() {
        assertThat(links.openUrl("acme", "m-1")).startsWith(HeraldTestResources.PUBLIC_BASE_URL + "/t/o/");
        assertThat(links.clickUrl(new ClickToken("acme", "m-1", "https://shop.example.com/", 0, 1, Instant.now())))
                .startsWith(HeraldTestResources.PUBLIC_BASE_URL + "/t/c/");
    }

    @Test
    void aClickRedirectsToExactlyTheSignedUrlAndIsRecorded() throws Exception {
        String tenant = tenant();
        String url = "https://shop.example.com/spring?utm_source=herald&b=a%20b#top";
        Response answer = noRedirects().header("User-Agent", BROWSER).header("X-Forwarded-For", "198.51.100.66, 203.0.113.7") // a hop the client wrote, then the one API Gateway appended
                .get(clickPath(tenant, "m-1", url, 1, 3));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo(url);
        assertThat(String.join(",", answer.headers().getValues("Cache-Control"))).contains("no-store");

        List<TrackJob> jobs = TrackQueueReader.jobs(queue, tenant, 1);
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.source()).isEqualTo("redirect");
            TrackedEvent click = job.events().get(0);
            assertThat(click.type()).isEqualTo(EventType.click);
            assertThat(click.eventId()).startsWith("click:m-1:1:");
            assertThat(click.message().messageId()).isEqualTo("m-1");
            assertThat(click.message().tenantId()).isEqualTo(tenant);
            assertThat(click.detail().url()).isEqualTo(url);
            assertThat(click.detail().linkCount()).isEqualTo(3);
            assertThat(click.evidence().userAgent()).isEqualTo(BROWSER);
            assertThat(click.evidence().ip()).isEqualTo("203.0.113.7");
            assertThat(click.evidence().method()).isEqualTo("GET");
        });
    }

    @Test
    void aForgedOrAlteredTokenRedirectsNowhereAndRecordsNothing() throws Exception {
        String tenant = tenant();
        String valid = clickPath(tenant, "m-forged", "https://shop.example.com/", 0, 1);
        char last = valid.charAt(valid.length() - 2);
        String altered = valid.substring(0, valid.length() - 2) + (last == 'A' ? 'B' : 'A') + valid.charAt(valid.length() - 1);
        for (String path : List.of(altered, "/t/c/not-a-token", "/t/c/" + links.openToken(tenant, "m-forged"),
                "/t/c/https%3A%2F%2Fevil.example.net%2F")) {
            Response answer = noRedirects().header("User-Agent", BROWSER).get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.header("Location")).as(path).isNull();
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        noRedirects().header("User-Agent", BROWSER).get(clickPath(tenant, "m-real", "https://shop.example.com/", 0, 1)).then().statusCode(302);
        List<TrackJob> jobs = TrackQueueReader.jobs(queue, tenant, 1);
        assertThat(jobs).flatExtracting(TrackJob::events).extracting(event -> event.message().messageId()).containsExactly("m-real");
    }

    @Test
    void theSameRequestRetriedWithinTheSecondHasTheSameEventIdAndAnotherClientAnother() throws Exception {
        String tenant = tenant();
        TestClock.fix(Instant.parse("2030-06-14T09:30:00.100Z"));
        String path = clickPath(tenant, "m-1", "https://shop.example.com/", 0, 2);
        noRedirects().header("User-Agent", BROWSER).header("X-Forwarded-For", "203.0.113.7").get(path).then().statusCode(302);
        TestClock.fix(Instant.parse("2030-06-14T09:30:00.900Z"));
        noRedirects().header("User-Agent", BROWSER).header("X-Forwarded-For", "203.0.113.7").get(path).then().statusCode(302);
        noRedirects().header("User-Agent", "Mozilla/5.0 (compatible; Barracuda Sentinel)").header("X-Forwarded-For", "198.51.100.1").get(path)
                .then().statusCode(302);
        TestClock.fix(Instant.parse("2030-06-14T09:30:05Z"));
        noRedirects().header("User-Agent", BROWSER).header("X-Forwarded-For", "203.0.113.7").get(path).then().statusCode(302);
        List<String> ids = TrackQueueReader.jobs(queue, tenant, 4).stream().flatMap(job -> job.events().stream()).map(TrackedEvent::eventId).toList();
        assertThat(ids).hasSize(4);
        java.util.Map<String, Long> counts = ids.stream().collect(java.util.stream.Collectors.groupingBy(id -> id, java.util.stream.Collectors.counting()));
        assertThat(counts).as("the retry shares its id; the scanner and the later click have their own").hasSize(3).containsValue(2L);
        String retried = counts.entrySet().stream().filter(e -> e.getValue() == 2L).findFirst().orElseThrow().getKey();
        assertThat(retried).startsWith("click:m-1:0:" + Instant.parse("2030-06-14T09:30:00Z").getEpochSecond() + ":");
    }

    @Test
    void theHeadOfARedirectRedirectsTooAndIsRecordedAsHead() throws Exception {
        String tenant = tenant();
        Response answer = noRedirects().header("User-Agent", BROWSER).head(clickPath(tenant, "m-1", "https://shop.example.com/", 0, 1));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("https://shop.example.com/");
        assertThat(TrackQueueReader.jobs(queue, tenant, 1)).singleElement()
                .satisfies(job -> assertThat(job.events().get(0).evidence().method()).isEqualTo("HEAD"));
    }

    @Test
    void thePixelIsATransparentGifWhateverTheTokenAndOnlyAValidOneIsRecorded() throws Exception {
        String tenant = tenant();
        for (String token : List.of("nonsense", links.openToken(tenant, "m-1"))) {
            Response answer = given().header("User-Agent", "Mozilla/5.0").get("/t/o/" + token);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo("image/gif");
            assertThat(answer.asByteArray()).hasSize(43).isEqualTo(TrackingResource.PIXEL);
            assertThat(String.join(",", answer.headers().getValues("Cache-Control"))).contains("no-store");
            assertThat(answer.header("Pragma")).isEqualTo("no-cache");
        }
        Response head = given().head("/t/o/" + links.openToken(tenant, "m-2"));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.contentType()).isEqualTo("image/gif");

        List<TrackedEvent> opens = TrackQueueReader.jobs(queue, tenant, 2).stream().peek(job -> assertThat(job.source()).isEqualTo("pixel"))
                .flatMap(job -> job.events().stream()).toList();
        assertThat(opens).extracting(event -> event.message().messageId()).containsExactlyInAnyOrder("m-1", "m-2");
        assertThat(opens).allSatisfy(open -> assertThat(open.type()).isEqualTo(EventType.open));
        assertThat(opens).extracting(open -> open.evidence().method()).containsExactlyInAnyOrder("GET", "HEAD");
    }
}
