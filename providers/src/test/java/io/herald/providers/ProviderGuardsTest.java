package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.http.TransportFailures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.herald.providers.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard around provider calls, built by hand with small settings so that each test owns its circuits (and
 * none leaks into another test class). Inside Quarkus, because SmallRye's programmatic guards need its CDI SPI.
 */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class ProviderGuardsTest {

    private final ProviderGuards guards = new ProviderGuards(TestConfig.providers(Map.of(
            "herald.providers.circuit-request-volume", "4",
            "herald.providers.circuit-failure-ratio", "0.5",
            "herald.providers.circuit-delay", "60s",
            "herald.providers.timeout", "300ms",
            "herald.providers.connect-retry-delay", "10ms")));
    private final AtomicInteger calls = new AtomicInteger();

    private SendReceipt call(String endpoint, Reason failWith) {
        return guards.call(ProviderKind.sendgrid, endpoint, SendReceipt.class, () -> {
            calls.incrementAndGet();
            throw new DeliveryException(failWith, null, "scripted");
        });
    }

    @Test
    void repeatedTransientFailuresOpenTheEndpointsCircuitAndItThenFailsFastWithTheDelayAsHint() {
        for (int i = 0; i < 4; i++) {
            failure(() -> call("https://down.example", Reason.TRANSIENT));
        }
        calls.set(0);

        DeliveryException failure = failure(() -> call("https://down.example", Reason.TRANSIENT));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(failure.getMessage()).contains("circuit open");
        assertThat(calls).hasValue(0);
    }

    @Test
    void anotherEndpointKeepsItsOwnClosedCircuit() {
        for (int i = 0; i < 4; i++) {
            failure(() -> call("https://down.example", Reason.TRANSIENT));
        }
        calls.set(0);

        failure(() -> call("https://up.example", Reason.INVALID_RECIPIENT));

        assertThat(calls).hasValue(1);
    }

    @Test
    void aTenantsRefusedKeyOrRecipientNeverOpensTheCircuit() {
        for (int i = 0; i < 10; i++) {
            Reason permanent = i % 2 == 0 ? Reason.AUTHENTICATION : Reason.INVALID_RECIPIENT;
            failure(() -> call("https://shared.example", permanent));
        }
        calls.set(0);

        assertThat(failure(() -> call("https://shared.example", Reason.REJECTED_CONTENT)).reason()).isEqualTo(Reason.REJECTED_CONTENT);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRefusedConnectionIsRetriedOnceAndOnlyOnce() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        DeliveryException failure = failure(() -> guards.call(ProviderKind.smtp, "127.0.0.1:" + closed, SendReceipt.class, () -> {
            calls.incrementAndGet();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", closed), 200);
                return null;
            } catch (IOException refused) {
                throw TransportFailures.classify(ProviderKind.smtp, refused);
            }
        }));

        assertThat(failure).isInstanceOf(ConnectFailure.class);
        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(failure.getCause()).as("nothing was sent, so it may be sent again").isInstanceOf(java.net.ConnectException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aLostAnswerIsNeverRetriedInsideTheCallAndSaysTheMessageMayHaveGone() {
        DeliveryException failure = failure(() -> guards.call(ProviderKind.postmark, "https://slow.example", SendReceipt.class, () -> {
            calls.incrementAndGet();
            throw TransportFailures.classify(ProviderKind.postmark, new java.net.SocketTimeoutException("Read timed out"));
        }));

        assertThat(calls).hasValue(1);
        assertThat(Failures.saysMaybeSent(failure)).isTrue();
    }

    @Test
    void aCircuitThatIsOpenSaysNothingWasSent() {
        for (int i = 0; i < 4; i++) {
            failure(() -> call("https://open.example", Reason.TRANSIENT));
        }

        assertThat(Failures.saysMaybeSent(failure(() -> call("https://open.example", Reason.TRANSIENT)))).isFalse();
    }

    @Test
    void aCallOverTheTimeoutIsTransientAndSaysTheMessageMayHaveGone() {
        DeliveryException failure = failure(() -> guards.call(ProviderKind.mailgun, "https://slow.example", SendReceipt.class, () -> {
            Thread.sleep(5_000);
            return null;
        }));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(failure.getMessage()).contains("may still have accepted");
        assertThat(Failures.saysMaybeSent(failure)).isTrue();
    }

    @Test
    void anUnexpectedExceptionIsTransientAndNamesOnlyItsClass() {
        DeliveryException failure = failure(() -> guards.call(ProviderKind.ses, "eu-west-1", SendReceipt.class, () -> {
            throw new IllegalStateException("Authorization: Bearer SG.secret");
        }));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(failure.getMessage()).contains("IllegalStateException").doesNotContain("SG.secret");
        assertThat(Failures.allMessages(failure)).doesNotContain("SG.secret");
        assertThat(Failures.saysMaybeSent(failure)).as("nobody knows how far it got: never sent again").isTrue();
    }
}
