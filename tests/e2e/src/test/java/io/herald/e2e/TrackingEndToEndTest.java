package io.herald.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.herald.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking on the whole local stack, through public interfaces only: a campaign is sent into MailDev; the pixel and
 * the click redirect of the emails are fetched by a person and by machines; the provider reports deliveries and a
 * hard bounce through a signed Mailgun webhook (replayed once, and once forged); the shop reports a purchase with
 * the click's token; then the campaign's metrics equal exactly what was sent in, the bounced address is suppressed,
 * the message's timeline tells the machine events from the person's, and the tenant's own endpoint received each
 * event signed per Standard Webhooks.
 */
class TrackingEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static final String MAILGUN_KEY = "e2e-mailgun-signing-key-" + E2eStack.randomToken();
    private static final String ZONE = "Europe/Berlin";
    private static final String CTA = "https://shop.example.com/tea-42";

    private static final String ADA = "ada@example.com";
    private static final String BEN = "ben@example.com";
    private static final String GONE = "gone@example.com";

    private static LocalStack stack;
    private static URI api;
    private static String key;
    private static URI mailDev;
    private static HttpServer receiver;
    private static final List<Delivered> RECEIVED = new CopyOnWriteArrayList<>();

    /** One POST the tenant's endpoint received. */
    record Delivered(Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void startTheStackAndTheTenantsEndpoint() throws IOException {
        stack = E2eStack.start();
        api = stack.api();
        key = stack.apiKey();
        mailDev = stack.mailDev().web();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            RECEIVED.add(new Delivered(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopEverything() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void providerEventsFirstPartyOpensAndClicksAndAConversionComeBackAndTheMetricsEqualWhatWasSentIn() throws Exception {
        JsonNode endpoint = call("POST", "/v1/webhook-endpoints", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "description", "e2e receiver"), 201);
        String secret = endpoint.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        call("PUT", "/v1/providers/mailgun", Map.of("apiKey", "key-e2e-not-used", "domain", "mg.demo.herald.local",
                "webhookSigningKey", MAILGUN_KEY), 200, 201);

        for (String[] person : new String[][] {{"c-ada", ADA, "Ada"}, {"c-ben", BEN, "Ben"}, {"c-gone", GONE, "Gus"}}) {
            call("POST", "/v1/contacts", Map.of("id", person[0], "email", person[1], "locale", "en-GB", "timezone", ZONE,
                    "attributes", Map.of("firstName", person[2], "cohort", "e2e-tracking"),
                    "consent", Map.of("email", Map.of("status", "granted", "source", "e2e"))), 201);
        }
        call("POST", "/v1/segments", Map.of("id", "e2e-tracking", "name", "Tracking e2e",
                "rule", Map.of("attribute", "cohort", "op", "eq", "value", "e2e-tracking")), 201);
        String campaign = campaign();
        JsonNode progress = awaitSent(campaign, 3);
        assertThat(progress.path("failed").path("total").asLong()).isZero();

        List<JsonNode> emails = awaitEmails(list -> list.size() >= 3);
        Map<String, Email> byRecipient = new LinkedHashMap<>();
        for (JsonNode email : emails) {
            byRecipient.put(email.path("to").path(0).path("address").asText(), Email.of(email, source(email)));
        }
        assertThat(byRecipient).containsOnlyKeys(ADA, BEN, GONE);
        Email ada = byRecipient.get(ADA);
        Email ben = byRecipient.get(BEN);
        Email gone = byRecipient.get(GONE);
        assertThat(ada.clickUrls).as("the CTA is rewritten to the signed redirect").isNotEmpty();
        assertThat(ada.html).doesNotContain("href=\"" + CTA);
        assertThat(ada.pixelUrl).as("the open pixel").isNotNull();

        // Clicks within seconds of sending are a scanner's: the person acts later, as people do.
        Thread.sleep(11_000);

        // Ada (a person): opens in a browser, clicks the CTA, lands exactly on it.
        assertThat(get(ada.pixelUrl, "GET", BROWSER).statusCode()).isEqualTo(200);
        HttpResponse<String> click = get(ada.clickUrls.get(0), "GET", BROWSER);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).contains(CTA);
        // A forged redirect goes nowhere.
        String real = ada.clickUrls.get(0);
        HttpResponse<String> forged = get(real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A"), "GET", BROWSER);
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.headers().firstValue("Location")).isEmpty();

        // Ben: Apple Mail's privacy proxy fetches the pixel, a link scanner follows the link with HEAD.
        assertThat(get(ben.pixelUrl, "GET", "Mozilla/5.0").statusCode()).isEqualTo(200);
        assertThat(get(ben.clickUrls.get(0), "HEAD", BROWSER).statusCode()).isEqualTo(302);

        // The provider: Ada's and Ben's messages delivered, Gus's bounced for good; the bounce is posted twice (a retry).
        assertThat(mailgun("delivered", "ev-ada-delivered", ada.messageId, ADA).statusCode()).isEqualTo(200);
        assertThat(mailgun("delivered", "ev-ben-delivered", ben.messageId, BEN).statusCode()).isEqualTo(200);
        String bounce = mailgunBody("failed", "ev-gone-bounced", gone.messageId, GONE, "tok-" + E2eStack.randomToken());
        assertThat(post("/hooks/mailgun/demo", bounce).statusCode()).isEqualTo(200);
        assertThat(post("/hooks/mailgun/demo", bounce).statusCode()).as("a retry of the same post is accepted, and counts once").isEqualTo(200);
        String forgedHook = bounce.replace(GONE, ADA);
        assertThat(post("/hooks/mailgun/demo", forgedHook).statusCode()).as("a body changed after signing is refused").isEqualTo(401);

        // The shop: Ada bought, through the click.
        String token = ada.clickUrls.get(0).substring(ada.clickUrls.get(0).lastIndexOf('/') + 1);
        JsonNode conversion = call("POST", "/v1/conversions", Map.of("conversionId", "order-e2e-1", "contactId", "c-ada",
                "clickToken", token, "kind", "purchase", "value", Map.of("amount", "19.90", "currency", "EUR")), 202);
        assertThat(conversion.path("attributed").asBoolean()).isTrue();
        assertThat(conversion.path("messageId").asText()).isEqualTo(ada.messageId);
        call("POST", "/v1/conversions", Map.of("conversionId", "order-e2e-1", "contactId", "c-ada",
                "clickToken", token, "kind", "purchase", "value", Map.of("amount", "19.90", "currency", "EUR")), 202);

        JsonNode total = awaitMetrics(campaign, metrics -> metrics.path("delivered").asLong() == 2
                && metrics.path("bounced").path("hard").asLong() == 1 && metrics.path("conversions").asLong() == 1
                && metrics.path("opens").path("machine").path("total").asLong() == 1
                && metrics.path("clicks").path("machine").path("total").asLong() == 1
                && metrics.path("clicks").path("human").path("total").asLong() == 1);
        assertThat(total.path("sent").asLong()).isEqualTo(3);
        assertThat(total.path("delivered").asLong()).isEqualTo(2);
        assertThat(total.path("bounced").path("hard").asLong()).isEqualTo(1);
        assertThat(total.path("bounced").path("soft").asLong()).isZero();
        assertThat(total.path("opens").path("human").path("unique").asLong()).isEqualTo(1);
        assertThat(total.path("opens").path("human").path("total").asLong()).isEqualTo(1);
        assertThat(total.path("opens").path("machine").path("total").asLong()).isEqualTo(1);
        assertThat(total.path("clicks").path("human").path("unique").asLong()).isEqualTo(1);
        assertThat(total.path("clicks").path("machine").path("total").asLong()).isEqualTo(1);
        assertThat(total.path("conversions").asLong()).isEqualTo(1);
        assertThat(total.path("revenue").path(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(total.path("revenue").path(0).path("amount").asText()).isEqualTo("19.90");
        assertThat(total.path("rates").path("clickRate").path("value").asDouble()).as("1 human click of 2 delivered").isEqualTo(0.5);
        assertThat(total.path("rates").path("clickRate").path("denominator").asText()).isEqualTo("delivered");

        assertThat(call("GET", "/v1/suppressions/" + GONE, null, 200).path("reason").asText()).isEqualTo("hard_bounce");

        JsonNode benTimeline = call("GET", "/v1/messages/" + ben.messageId, null, 200);
        List<String> benEvents = new ArrayList<>();
        benTimeline.path("events").forEach(e -> benEvents.add(e.path("type").asText() + ":" + e.path("audience").asText()));
        assertThat(benEvents).containsExactlyInAnyOrder("open:machine", "click:machine", "delivered:human");

        // Each event reached the tenant's endpoint, signed; the receiver checks it as the spec says, with the secret.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (types().size() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(types()).contains("message.delivered", "message.bounced", "message.opened", "message.clicked", "conversion.recorded");
        for (Delivered delivered : RECEIVED) {
            assertThat(signatureValid(secret, delivered)).as("signed per Standard Webhooks: " + delivered.headers()).isTrue();
        }
    }

    private static List<String> types() throws IOException {
        List<String> types = new ArrayList<>();
        for (Delivered delivered : RECEIVED) {
            types.add(JSON.readTree(delivered.body()).path("type").asText());
        }
        return types;
    }

    /** Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" under the secret's base64 key, as "v1,<sig>". */
    private static boolean signatureValid(String secret, Delivered delivered) throws Exception {
        String id = delivered.headers().get("webhook-id");
        String timestamp = delivered.headers().get("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (id + "." + timestamp + "." + new String(delivered.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        return Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300
                && List.of(delivered.headers().get("webhook-signature").split(" ")).contains(expected);
    }

    /** What the test reads from one email: Herald's message id, the pixel and the tracked links. */
    record Email(String messageId, String html, String pixelUrl, List<String> clickUrls) {
        private static final Pattern PIXEL = Pattern.compile("src=\"([^\"]*/t/o/[^\"]+)\"");
        private static final Pattern CLICK = Pattern.compile("href=\"([^\"]*/t/c/[^\"]+)\"");
        private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^X-Herald-Message-Id:\\s*(\\S+)");

        static Email of(JsonNode email, String source) {
            String html = email.path("html").asText();
            Matcher pixel = PIXEL.matcher(html);
            List<String> clicks = new ArrayList<>();
            Matcher click = CLICK.matcher(html);
            while (click.find()) {
                clicks.add(click.group(1).replace("&amp;", "&"));
            }
            Matcher id = MESSAGE_ID.matcher(source);
            assertThat(id.find()).as("X-Herald-Message-Id in " + source.substring(0, Math.min(400, source.length()))).isTrue();
            return new Email(id.group(1), html, pixel.find() ? pixel.group(1).replace("&amp;", "&") : null, clicks);
        }
    }

    private static HttpResponse<String> mailgun(String type, String id, String messageId, String recipient) throws Exception {
        return post("/hooks/mailgun/demo", mailgunBody(type, id, messageId, recipient, "tok-" + E2eStack.randomToken()));
    }

    /** A Mailgun webhook as Mailgun signs it: HMAC-SHA256 of timestamp + token under the webhook signing key, hex. */
    private static String mailgunBody(String type, String id, String messageId, String recipient, String token) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        ObjectNode root = JSON.createObjectNode();
        root.putObject("signature").put("timestamp", timestamp).put("token", token).put("signature", signature);
        ObjectNode event = root.putObject("event-data").put("event", type).put("id", id)
                .put("timestamp", Instant.now().getEpochSecond() + 0.25).put("recipient", recipient);
        event.putObject("user-variables").put("herald-message-id", messageId).put("herald-tenant", "demo");
        if (type.equals("failed")) {
            event.put("severity", "permanent").put("reason", "bounce");
            event.putObject("delivery-status").put("code", 550).put("message", "5.1.1 The email account that you tried to reach does not exist");
        }
        event.putObject("message").putObject("headers").put("message-id", "mg-" + messageId + "@mg.demo.herald.local");
        return JSON.writeValueAsString(root);
    }

    private static String campaign() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Tracking e2e");
        body.put("channel", "email");
        body.put("brief", Map.of("goal", "bring the customer back to finish the order", "product", "Longjing green tea",
                "ctaUrl", CTA, "tone", "warm"));
        body.put("variants", List.of(Map.of("id", "A")));
        body.put("segment", Map.of("id", "e2e-tracking"));
        body.put("sender", Map.of("from", "Demo Shop <news@demo.herald.local>"));
        body.put("provider", "smtp");
        body.put("schedule", Map.of("type", "now"));
        body.put("content", Map.of("mergeFields", Map.of("firstName", "there")));
        String id = call("POST", "/v1/campaigns", body, 201).path("id").asText();
        call("POST", "/v1/campaigns/" + id + "/schedule", null, 200);
        stack.planNow();
        return id;
    }

    private static JsonNode awaitSent(String campaign, long recipients) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode progress;
        do {
            progress = call("GET", "/v1/campaigns/" + campaign, null, 200).path("progress");
            if (progress.path("sent").asLong() + progress.path("failed").path("total").asLong() >= recipients) {
                return progress;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("campaign " + campaign + " did not send to " + recipients + " within " + TIMEOUT + ": " + progress);
    }

    private static JsonNode awaitMetrics(String campaign, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode total;
        do {
            total = call("GET", "/v1/campaigns/" + campaign + "/metrics", null, 200).path("total");
            if (done.test(total)) {
                Thread.sleep(3000); // and a moment later, so that a double count would have shown
                return call("GET", "/v1/campaigns/" + campaign + "/metrics", null, 200).path("total");
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the metrics of " + campaign + " did not settle within " + TIMEOUT + ": " + total);
    }

    private static List<JsonNode> awaitEmails(Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> emails = emails();
        while (!done.test(emails) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            emails = emails();
        }
        return emails;
    }

    private static List<JsonNode> emails() throws Exception {
        return E2eStack.emails(HTTP, mailDev);
    }

    private static String source(JsonNode email) throws Exception {
        return E2eStack.source(HTTP, mailDev, email);
    }

    private static HttpResponse<String> get(String url, String method, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("User-Agent", userAgent)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode call(String method, String path, Object body, int... expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        List<Integer> allowed = new ArrayList<>();
        for (int status : expected) {
            allowed.add(status);
        }
        assertThat(answer.statusCode()).as(method + " " + path + " answered " + answer.body()).isIn(allowed);
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }
}
