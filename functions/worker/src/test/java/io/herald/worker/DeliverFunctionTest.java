package io.herald.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.core.store.Page;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.EventsApplied;
import io.herald.core.tracking.StoredEvent;
import io.herald.core.tracking.outbound.DeliveryAttempt;
import io.herald.core.tracking.outbound.DeliveryLog;
import io.herald.core.tracking.outbound.EndpointDraft;
import io.herald.core.tracking.outbound.WebhookEndpoint;
import io.herald.core.tracking.outbound.WebhookEndpoints;
import io.herald.core.tracking.outbound.WebhookFanOut;
import io.herald.core.tracking.outbound.WebhookJob;
import io.herald.core.tracking.outbound.WebhookPayloads;
import io.herald.core.tracking.outbound.WebhookSecret;
import io.herald.core.tracking.outbound.WebhookVerifier;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliver function through its Lambda event path: stored events fanned out onto a real SQS queue (ElasticMQ),
 * each message posted to the function as Lambda would, the tenant's endpoint played by WireMock, the endpoints and
 * the delivery log in dynalite.
 */
@QuarkusTest
@TestProfile(Exports.Deliver.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class DeliverFunctionTest {

    private static WireMockServer receiver;

    @Inject
    WebhookEndpoints endpoints;
    @Inject
    DeliveryLog log;
    @Inject
    WebhookFanOut fanOut;
    @Inject
    Event<EventsApplied> applied;
    @Inject
    ObjectMapper json;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aDeliveryArrivesSignedWithTheEventsStableIdAndAThinPayload() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(204)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());
        StoredEvent click = WebhookDeliveryTestSupport.event(tenant, EventType.click);

        applied.fire(new EventsApplied(tenant, List.of(click)));
        WebhookDeliveryTestSupport.pump(json);

        List<LoggedRequest> requests = requests(tenant);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("webhook-id")).isEqualTo(WebhookPayloads.webhookId(tenant, click.event().eventId()));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        new WebhookVerifier(endpoint.secret(), Clock.systemUTC()).verify(headers(request), request.getBody());

        JsonNode body = json.readTree(request.getBody());
        assertThat(body.path("type").asText()).isEqualTo("message.clicked");
        assertThat(body.path("timestamp").asText()).isEqualTo(click.event().occurredAt().toString());
        JsonNode data = body.path("data");
        assertThat(data.path("messageId").asText()).isEqualTo(click.attribution().messageId());
        assertThat(data.path("campaignId").asText()).isEqualTo("cmp1");
        assertThat(data.path("variant").asText()).isEqualTo("A");
        assertThat(data.path("contactId").asText()).isEqualTo("c1");
        assertThat(data.path("url").asText()).isEqualTo("https://shop.example.com/spring");
        assertThat(data.path("classification").path("audience").asText()).isEqualTo("human");
        assertThat(request.getBodyAsString()).as("no address, no IP, no user agent").doesNotContain("person@example.com")
                .doesNotContain("203.0.113.9").doesNotContain("Mozilla");

        List<DeliveryAttempt> attempts = log.page(tenant, endpoint.id(), null, 10).items();
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.Outcome.delivered);
            assertThat(a.statusCode()).isEqualTo(204);
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.type()).isEqualTo("message.clicked");
            assertThat(a.eventId()).isEqualTo(click.event().eventId());
            assertThat(a.latencyMs()).isNotNull();
        });
    }

    @Test
    void afterARotationBothSecretsSignAndEitherVerifies() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(200)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());
        String rotated = endpoints.rotate(tenant, endpoint.id()).secret();

        applied.fire(new EventsApplied(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.open))));
        WebhookDeliveryTestSupport.pump(json);

        LoggedRequest request = requests(tenant).get(0);
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
        new WebhookVerifier(endpoint.secret(), Clock.systemUTC()).verify(headers(request), request.getBody());
        new WebhookVerifier(rotated, Clock.systemUTC()).verify(headers(request), request.getBody());
        assertThat(rotated).isNotEqualTo(endpoint.secret());
    }

    @Test
    void a500ThenA200IsRetriedWithTheSameIdAndBodyAndLoggedTwice() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).inScenario(tenant).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo(path(tenant))).inScenario(tenant).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());

        applied.fire(new EventsApplied(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.delivered))));
        WebhookDeliveryTestSupport.pump(json);

        List<LoggedRequest> requests = requests(tenant);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader("webhook-id")).isEqualTo(requests.get(0).getHeader("webhook-id"));
        assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
        new WebhookVerifier(endpoint.secret(), Clock.systemUTC()).verify(headers(requests.get(1)), requests.get(1).getBody());

        List<DeliveryAttempt> attempts = log.page(tenant, endpoint.id(), null, 10).items();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).attempt()).isEqualTo(2);
        assertThat(attempts.get(0).outcome()).isEqualTo(DeliveryAttempt.Outcome.delivered);
        assertThat(attempts.get(1).attempt()).isEqualTo(1);
        assertThat(attempts.get(1).outcome()).isEqualTo(DeliveryAttempt.Outcome.retrying);
        assertThat(attempts.get(1).statusCode()).isEqualTo(500);
        assertThat(attempts.get(1).error()).isEqualTo("HTTP 500");
        assertThat(attempts.get(1).nextAttemptAt()).isNotNull();
        assertThat(endpoints.get(tenant, endpoint.id()).consecutiveFailures()).isZero();
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledSaysWhyAndGetsNoMoreEvents() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(503)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());

        applied.fire(new EventsApplied(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.open),
                WebhookDeliveryTestSupport.event(tenant, EventType.click))));
        WebhookDeliveryTestSupport.pump(json);

        assertThat(requests(tenant)).as("two events, three attempts each").hasSize(6);
        WebhookEndpoint disabled = endpoints.get(tenant, endpoint.id());
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("2 consecutive deliveries failed every attempt").contains("HTTP 503");
        assertThat(disabled.disabledAt()).isNotNull();
        Page<DeliveryAttempt> attempts = log.page(tenant, endpoint.id(), null, 100);
        assertThat(attempts.items()).hasSize(6);
        assertThat(attempts.items().stream().filter(a -> a.outcome() == DeliveryAttempt.Outcome.failed)).hasSize(2);
        assertThat(attempts.items().stream().filter(a -> a.outcome() == DeliveryAttempt.Outcome.retrying)).hasSize(4);

        assertThat(fanOut.enqueue(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.bounce)))).isZero();
        WebhookDeliveryTestSupport.pump(json);
        assertThat(requests(tenant)).hasSize(6);
    }

    @Test
    void a410GoneDisablesTheEndpointAtOnce() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(410)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());

        applied.fire(new EventsApplied(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.open))));
        WebhookDeliveryTestSupport.pump(json);

        assertThat(requests(tenant)).hasSize(1);
        assertThat(endpoints.get(tenant, endpoint.id()).disabledReason()).contains("410 Gone");
        assertThat(log.page(tenant, endpoint.id(), null, 10).items()).singleElement()
                .extracting(DeliveryAttempt::outcome).isEqualTo(DeliveryAttempt.Outcome.failed);
    }

    @Test
    void aRedeliveredJobSendsTheSameWebhookIdAndBody() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(200)));
        endpoint(tenant, List.of());
        StoredEvent conversion = WebhookDeliveryTestSupport.event(tenant, EventType.conversion);
        assertThat(fanOut.enqueue(tenant, List.of(conversion))).isEqualTo(1);

        Message message = WebhookDeliveryTestSupport.receiveOne();
        WebhookDeliveryTestSupport.invoke(json, List.of(message));
        WebhookDeliveryTestSupport.invoke(json, List.of(message));
        WebhookDeliveryTestSupport.delete(message);

        List<LoggedRequest> requests = requests(tenant);
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(r -> r.getHeader("webhook-id")).containsOnly(WebhookPayloads.webhookId(tenant, conversion.event().eventId()));
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
        assertThat(json.readTree(requests.get(0).getBody()).path("type").asText()).isEqualTo("conversion.recorded");
    }

    @Test
    void anEventTypeTheEndpointDoesNotSubscribeToIsNotSent() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(200)));
        endpoint(tenant, List.of("message.bounced"));

        assertThat(fanOut.enqueue(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.click),
                WebhookDeliveryTestSupport.event(tenant, EventType.open), WebhookDeliveryTestSupport.event(tenant, EventType.bounce)))).isEqualTo(1);
        WebhookDeliveryTestSupport.pump(json);

        List<LoggedRequest> requests = requests(tenant);
        assertThat(requests).hasSize(1);
        JsonNode body = json.readTree(requests.get(0).getBody());
        assertThat(body.path("type").asText()).isEqualTo("message.bounced");
        assertThat(body.path("data").path("bounce").asText()).isEqualTo("hard");
    }

    @Test
    void aDisabledEndpointsQueuedRetryIsAbandonedAndLogged() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(200)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());
        fanOut.enqueue(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.open)));
        endpoints.update(tenant, endpoint.id(), new EndpointDraft(null, null, null, false));
        WebhookDeliveryTestSupport.pump(json);

        assertThat(requests(tenant)).isEmpty();
        assertThat(log.page(tenant, endpoint.id(), null, 10).items()).singleElement()
                .extracting(DeliveryAttempt::outcome).isEqualTo(DeliveryAttempt.Outcome.abandoned);
    }

    @Test
    void aRetryDueLaterThanSqsCanDelayIsRequeuedWithoutAnAttempt() throws Exception {
        String tenant = WebhookDeliveryTestSupport.newTenant();
        receiver.stubFor(post(urlEqualTo(path(tenant))).willReturn(aResponse().withStatus(200)));
        WebhookEndpoint endpoint = endpoint(tenant, List.of());
        WebhookJob later = new WebhookJob(tenant, endpoint.id(), "msg_later", "sendgrid:later", "message.opened", 3,
                Instant.now().plus(Duration.ofHours(2)), "{\"type\":\"message.opened\"}");
        String body = json.writeValueAsString(later);
        WorkerTestResources.sqs().sendMessage(b -> b.queueUrl(WorkerTestResources.webhookQueue()).messageBody(body));

        WebhookDeliveryTestSupport.pump(json);

        assertThat(requests(tenant)).isEmpty();
        assertThat(log.page(tenant, endpoint.id(), null, 10).items()).isEmpty();
        String delayed = WorkerTestResources.sqs().getQueueAttributes(b -> b.queueUrl(WorkerTestResources.webhookQueue())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        assertThat(Integer.parseInt(delayed)).as("the job waits on the queue, delayed").isGreaterThanOrEqualTo(1);
    }

    private WebhookEndpoint endpoint(String tenant, List<String> types) {
        WebhookEndpoint created = endpoints.create(tenant, new EndpointDraft("http://127.0.0.1:" + receiver.port() + path(tenant), types, null, null));
        WebhookSecret.parse(created.secret());
        return created;
    }

    private static String path(String tenant) {
        return "/hooks/" + tenant;
    }

    private static List<LoggedRequest> requests(String tenant) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path(tenant))));
    }

    private static Map<String, String> headers(LoggedRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : request.getAllHeaderKeys()) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }
}
