package io.herald.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole local stack, as {@code infra/local/start} runs it (the packaged api and worker jars as local Lambdas,
 * dynalite, ElasticMQ with its pollers, the tick, MailDev), driven only through the public API: contacts and
 * events, a segment with an event rule and its preview, a campaign sent now, the messages MailDev received, the
 * one-click unsubscribe from the message's own header, and a local-time campaign that skips the unsubscribed person.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration CAMPAIGN_TIMEOUT = Duration.ofSeconds(90);
    /** Every recipient's zone: a local-time campaign for this very minute goes out at once to all of them. */
    private static final String ZONE = "Asia/Shanghai";
    private static final String POSTAL_ADDRESS_LINE = "1 Example Road";

    private static final String WEI = "li.wei@example.com";
    /** A first name with markup: it must arrive escaped in the HTML part, as plain text in the text part. */
    private static final String ANN_NAME = "Ann <b>Bold</b>";
    private static final String ANN = "ann@example.com";
    private static final String NO_CONSENT = "no.consent@example.com";
    private static final String SUPPRESSED = "suppressed@example.com";
    private static final String NOT_IN_SEGMENT = "never.viewed@example.com";

    private static LocalStack stack;
    private static URI api;
    private static String key;
    private static URI mailDev;
    private static String unsubscribeUrl;

    @BeforeAll
    static void startTheStack() {
        stack = E2eStack.start();
        api = stack.api();
        key = stack.apiKey();
        mailDev = stack.mailDev().web();
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aCampaignReachesEachConsentingRecipientOnceWithHeadersFooterTextPartAndTheirNames() throws Exception {
        contact("cust-wei", WEI, "zh-CN", "Wei", "granted");
        contact("cust-ann", ANN, "en-GB", ANN_NAME, "granted");
        contact("cust-noconsent", NO_CONSENT, "en-GB", "Nina", "denied");
        contact("cust-suppressed", SUPPRESSED, "en-GB", "Sam", "granted");
        contact("cust-never", NOT_IN_SEGMENT, "en-GB", "Nora", "granted");
        call("POST", "/v1/suppressions", Map.of("email", SUPPRESSED, "reason", "manual", "source", "e2e"), 201);
        List<Object> events = new ArrayList<>();
        for (String contact : List.of("cust-wei", "cust-ann", "cust-noconsent", "cust-suppressed")) {
            events.add(Map.of("id", "evt-" + contact, "contactId", contact, "type", "product_viewed", "properties", Map.of("sku", "TEA-42")));
        }
        events.add(Map.of("id", "evt-other", "contactId", "cust-never", "type", "product_viewed", "properties", Map.of("sku", "TEA-7")));
        call("POST", "/v1/events", Map.of("events", events), 202, 200);

        call("POST", "/v1/segments", Map.of("id", "tea-viewers", "name", "Viewed TEA-42 this week",
                "rule", Map.of("event", "product_viewed", "where", Map.of("sku", "TEA-42"), "within", "P7D")), 201);
        JsonNode preview = call("POST", "/v1/segments/tea-viewers/preview", null, 200);
        assertThat(preview.path("count").asLong()).as("the preview counts who viewed TEA-42, with or without consent").isEqualTo(4);

        String campaign = campaign("TEA-42 now", Map.of("type", "now"));
        JsonNode progress = awaitEveryRecipientAccountedFor(campaign);
        assertThat(progress.path("sent").asLong()).isEqualTo(2);
        assertThat(progress.path("suppressed").asLong()).isEqualTo(1);
        assertThat(progress.path("skipped").path("reasons").path("noConsent").asLong()).isEqualTo(1);
        assertThat(progress.path("failed").path("total").asLong()).isZero();

        List<JsonNode> emails = awaitEmails(list -> list.size() >= 2);
        assertThat(emails).extracting(CampaignEndToEndTest::recipient).containsExactlyInAnyOrder(WEI, ANN);

        JsonNode ann = only(emails, ANN);
        String annSource = source(ann);
        Map<String, String> headers = headers(annSource);
        assertThat(headers.get("list-unsubscribe")).matches("<" + api.toString().replaceAll("/$", "") + "/u/[A-Za-z0-9_-]+>.*");
        assertThat(headers.get("list-unsubscribe-post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(headers.get("x-herald-message-id")).isNotBlank();
        assertThat(annSource).contains("multipart/alternative").contains("text/plain").contains("text/html");
        String html = ann.path("html").asText();
        String text = ann.path("text").asText();
        assertThat(html).as("the first name is HTML-escaped").contains("Ann &lt;b&gt;Bold&lt;/b&gt;").doesNotContain("<b>Bold</b>");
        assertThat(text).as("the text part has the name as written").contains(ANN_NAME);
        assertThat(html).as("footer").contains(POSTAL_ADDRESS_LINE).contains(headerUrl(headers));
        assertThat(text).as("footer of the text part").contains(POSTAL_ADDRESS_LINE).contains(headerUrl(headers));
        assertThat(html + text + ann.path("subject").asText()).as("no placeholder survives").doesNotContain("{{").doesNotContain("}}");

        JsonNode wei = only(emails, WEI);
        assertThat(wei.path("html").asText()).as("Chinese content for the zh contact, with the name").contains("Wei，您好");
        assertThat(wei.path("text").asText()).contains(POSTAL_ADDRESS_LINE);
        assertThat(headers(source(wei)).get("x-herald-message-id")).isNotEqualTo(headers.get("x-herald-message-id"));
        unsubscribeUrl = headerUrl(headers);
    }

    @Test
    @Order(2)
    void theOneClickUnsubscribeOfTheHeaderWorksByPostOnlyAndTheNextCampaignSkipsThePerson() throws Exception {
        assertThat(unsubscribeUrl).as("set by the first test").isNotNull();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(unsubscribeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form").contains("method=\"post\"");
        assertThat(status("GET", "/v1/suppressions/" + ANN)).as("a GET (a mail scanner following the link) unsubscribes nobody").isEqualTo(404);

        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(unsubscribeUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        JsonNode suppression = call("GET", "/v1/suppressions/" + ANN, null, 200);
        assertThat(suppression.path("reason").asText()).isEqualTo("unsubscribe");

        // This very minute in the recipients' zone: scheduled for a local time, and already due for all of them.
        LocalDateTime local = LocalDateTime.now(ZoneId.of(ZONE)).truncatedTo(ChronoUnit.MINUTES);
        String campaign = campaign("TEA-42 at local time", Map.of("type", "localTime", "date", local.toLocalDate().toString(),
                "time", local.toLocalTime().toString(), "defaultZone", ZONE));
        JsonNode progress = awaitEveryRecipientAccountedFor(campaign);
        assertThat(progress.path("sent").asLong()).isEqualTo(1);
        assertThat(progress.path("suppressed").asLong()).isEqualTo(1);
        assertThat(progress.path("skipped").path("reasons").path("noConsent").asLong())
                .as("the unsubscribe withdrew the consent too").isEqualTo(2);

        List<JsonNode> emails = awaitEmails(list -> list.size() >= 3);
        assertThat(emails).extracting(CampaignEndToEndTest::recipient).containsExactlyInAnyOrder(WEI, ANN, WEI);
    }

    private static void contact(String id, String email, String locale, String firstName, String consent) throws Exception {
        call("POST", "/v1/contacts", Map.of("id", id, "email", email, "locale", locale, "timezone", ZONE,
                "attributes", Map.of("firstName", firstName),
                "consent", Map.of("email", Map.of("status", consent, "source", "e2e"))), 201);
    }

    private static String campaign(String name, Map<String, Object> schedule) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("channel", "email");
        body.put("brief", Map.of("goal", "bring the customer back to finish the order", "product", "Longjing green tea",
                "ctaUrl", "https://shop.example.com/tea-42", "tone", "warm"));
        body.put("variants", List.of(Map.of("id", "A")));
        body.put("segment", Map.of("id", "tea-viewers"));
        body.put("sender", Map.of("from", "Demo Shop <news@demo.herald.local>"));
        body.put("provider", "smtp");
        body.put("schedule", schedule);
        body.put("content", Map.of("mergeFields", Map.of("firstName", "there")));
        String id = call("POST", "/v1/campaigns", body, 201).path("id").asText();
        call("POST", "/v1/campaigns/" + id + "/schedule", null, 200);
        stack.planNow();
        return id;
    }

    /** The campaign's progress once every planned recipient is sent, failed, suppressed, skipped or unknown. */
    private static JsonNode awaitEveryRecipientAccountedFor(String campaign) throws Exception {
        long deadline = System.nanoTime() + CAMPAIGN_TIMEOUT.toNanos();
        JsonNode progress;
        do {
            progress = call("GET", "/v1/campaigns/" + campaign, null, 200).path("progress");
            long planned = progress.path("planned").asLong();
            long done = progress.path("sent").asLong() + progress.path("failed").path("total").asLong() + progress.path("suppressed").asLong()
                    + progress.path("skipped").path("total").asLong() + progress.path("unknown").asLong();
            if (planned > 0 && done >= planned) {
                return progress;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("campaign " + campaign + " did not reach every recipient within " + CAMPAIGN_TIMEOUT + ": " + progress);
    }

    /** MailDev's messages once {@code done} holds, and a moment later, so that a duplicate would have shown. */
    private static List<JsonNode> awaitEmails(Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> emails = emails();
        while (!done.test(emails) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            emails = emails();
        }
        Thread.sleep(2000);
        return emails();
    }

    private static List<JsonNode> emails() throws Exception {
        return E2eStack.emails(HTTP, mailDev);
    }

    private static String source(JsonNode email) throws Exception {
        return E2eStack.source(HTTP, mailDev, email);
    }

    private static String recipient(JsonNode email) {
        return email.path("to").path(0).path("address").asText();
    }

    private static JsonNode only(List<JsonNode> emails, String address) {
        List<JsonNode> matching = emails.stream().filter(email -> recipient(email).equals(address)).toList();
        assertThat(matching).as("messages to " + address).hasSize(1);
        return matching.get(0);
    }

    /** The message's header block, folded lines unfolded, names lower-cased. */
    private static Map<String, String> headers(String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        String block = source.split("\\r?\\n\\r?\\n", 2)[0].replaceAll("\\r?\\n[ \\t]+", " ");
        for (String line : block.split("\\r?\\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static String headerUrl(Map<String, String> headers) {
        String value = headers.get("list-unsubscribe");
        return value.substring(value.indexOf('<') + 1, value.indexOf('>'));
    }

    private static int status(String method, String path) throws Exception {
        return request(method, path, null).statusCode();
    }

    private static JsonNode call(String method, String path, Object body, int... expected) throws Exception {
        HttpResponse<String> answer = request(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + " answered " + answer.body()).isIn(box(expected));
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    private static HttpResponse<String> request(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Object[] box(int[] values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
