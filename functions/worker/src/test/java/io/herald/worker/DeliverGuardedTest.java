package io.herald.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.outbound.DeliveryAttempt;
import io.herald.core.tracking.outbound.DeliveryLog;
import io.herald.core.tracking.outbound.EndpointDraft;
import io.herald.core.tracking.outbound.StoredEndpoint;
import io.herald.core.tracking.outbound.WebhookEndpoint;
import io.herald.core.tracking.outbound.WebhookEndpoints;
import io.herald.core.tracking.outbound.WebhookFanOut;
import io.herald.worker.testing.WorkerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard as deployed (private targets not allowed): an endpoint whose name now resolves to this machine gets nothing. */
@QuarkusTest
@TestProfile(Exports.DeliverGuarded.class)
@QuarkusTestResource(value = WorkerTestResources.class, restrictToAnnotatedClass = false)
class DeliverGuardedTest {

    @Inject
    WebhookEndpoints endpoints;
    @Inject
    DeliveryLog log;
    @Inject
    WebhookFanOut fanOut;
    @Inject
    Store store;
    @Inject
    ObjectMapper json;

    @Test
    void aTargetThatResolvesToAnInternalAddressIsRefusedWithoutARequest() throws Exception {
        WireMockServer internal = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        internal.start();
        try {
            internal.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
            String tenant = WebhookDeliveryTestSupport.newTenant();
            assertThatThrownBy(() -> endpoints.create(tenant, new EndpointDraft("http://127.0.0.1:" + internal.port() + "/", List.of(), null, null)))
                    .isInstanceOf(HeraldException.class).hasMessageContaining("this machine");

            WebhookEndpoint endpoint = endpoints.create(tenant, new EndpointDraft("https://hooks.acme.example/herald", List.of(), null, null));
            // The name is later pointed at this machine (DNS rebinding): the stored URL now names localhost.
            StoredEndpoint saved = endpoints.stored(tenant, endpoint.id()).orElseThrow();
            StoredEndpoint rebound = new StoredEndpoint(saved.id(), "http://localhost:" + internal.port() + "/latest/meta-data", saved.eventTypes(),
                    saved.description(), true, null, null, 0, saved.createdAt(), saved.updatedAt(), saved.sealedSecret(), null, null);
            store.put(Item.of(Keys.webhookEndpoints(tenant), Keys.webhookEndpointSk(endpoint.id()), rebound));

            assertThat(fanOut.enqueue(tenant, List.of(WebhookDeliveryTestSupport.event(tenant, EventType.click)))).isEqualTo(1);
            WebhookDeliveryTestSupport.pump(json);

            assertThat(internal.getAllServeEvents()).isEmpty();
            assertThat(log.page(tenant, endpoint.id(), null, 10).items()).singleElement().satisfies(attempt -> {
                assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.failed);
                assertThat(attempt.error()).contains("target refused").contains("not public").doesNotContain("127.0.0.1");
                assertThat(attempt.statusCode()).isNull();
            });
            assertThat(endpoints.get(tenant, endpoint.id()).consecutiveFailures()).isEqualTo(1);
        } finally {
            internal.stop();
        }
    }
}
