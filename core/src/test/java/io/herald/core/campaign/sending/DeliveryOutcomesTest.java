package io.herald.core.campaign.sending;

import io.herald.core.delivery.DeliveryException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which retryable failures may be retried (surely not delivered) and which must become unknown. */
class DeliveryOutcomesTest {

    private static DeliveryException transientFailure(Throwable cause) {
        return cause == null ? new DeliveryException(DeliveryException.Reason.TRANSIENT, null, "HTTP 503")
                : new DeliveryException(DeliveryException.Reason.TRANSIENT, null, "failed", cause);
    }

    @Test
    void aProviderThatAnsweredOrCouldNotBeReachedDidNotTakeTheMessage() {
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(null))).isFalse();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new ConnectException("Connection refused")))).isFalse();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new UnknownHostException("smtp.example.com")))).isFalse();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new SocketTimeoutException("Connect timed out")))).isFalse();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new IllegalStateException("wrapped",
                new ConnectException("Connection refused"))))).isFalse();
    }

    @Test
    void aLostAnswerMayHaveDeliveredIt() {
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new IOException("Connection reset")))).isTrue();
        assertThat(DeliveryOutcomes.mayHaveReachedProvider(transientFailure(new java.util.concurrent.TimeoutException("no answer")))).isTrue();
    }
}
