package io.herald.core.content.generation;

import dev.langchain4j.exception.RateLimitException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFailuresTest {

    private static final String QUOTA = "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}";
    private static final String RATE = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";

    private static ModelHttpException http(int status, String body, Duration retryAfter) {
        return new ModelHttpException(status, body, retryAfter, ModelHttpException.errorCode(body));
    }

    @Test
    void rateLimitsServerErrorsAndTimeoutsAreTransientWrappedOrNot() {
        assertThat(ModelFailures.isTransient(new RateLimitException(http(429, RATE, null)))).isTrue();
        assertThat(ModelFailures.isTransient(http(503, "", null))).isTrue();
        assertThat(ModelFailures.isTransient(new TimeoutException("slow"))).isTrue();
    }

    @Test
    void anExhaustedQuotaAndOther4xxAreNot() {
        ModelHttpException quota = http(429, QUOTA, null);
        assertThat(quota.quotaExhausted()).isTrue();
        assertThat(ModelFailures.isTransient(quota)).isFalse();
        assertThat(ModelFailures.countsAgainstCircuit(quota)).isTrue();
        assertThat(ModelFailures.isTransient(http(400, "{}", null))).isFalse();
        assertThat(ModelFailures.countsAgainstCircuit(http(401, "{}", null))).isFalse();
        assertThat(ModelFailures.isTransient(new CircuitBreakerOpenException("open"))).isFalse();
    }

    @Test
    void reasonsNameTheFailureWithoutTheBody() {
        assertThat(ModelFailures.describe(new RateLimitException(http(429, QUOTA, null)))).isEqualTo("model quota exhausted (HTTP 429 insufficient_quota); not retried");
        assertThat(ModelFailures.describe(http(429, RATE, Duration.ofSeconds(20)))).isEqualTo("model rate limit (HTTP 429 rate_limit_exceeded)");
        assertThat(ModelFailures.describe(http(401, "{}", null))).isEqualTo("model server refused the API key (HTTP 401)");
        assertThat(ModelFailures.describe(new CircuitBreakerOpenException("x"))).isEqualTo("circuit breaker open after repeated model failures");
        assertThat(ModelFailures.describe(new TimeoutException("x"))).isEqualTo("model call timed out");
    }

    @Test
    void retryAfterIsReadInEveryForm() {
        assertThat(ModelHttpException.retryAfter(null, "20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(ModelHttpException.retryAfter(null, "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ModelHttpException.retryAfter("250", "20")).isEqualTo(Duration.ofMillis(250));
        assertThat(ModelHttpException.retryAfter(null, "Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ModelHttpException.retryAfter(null, "soon")).isNull();
        assertThat(ModelHttpException.retryAfter(null, null)).isNull();
        assertThat(ModelHttpException.errorCode("not json")).isNull();
    }
}
