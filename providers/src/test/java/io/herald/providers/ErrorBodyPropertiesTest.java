package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.http.HttpAnswer;
import io.herald.providers.http.RetryHints;
import io.herald.providers.mailgun.MailgunMailer;
import io.herald.providers.postmark.PostmarkMailer;
import io.herald.providers.sendgrid.SendGridMailer;
import io.herald.providers.ses.SesMailer;
import io.herald.providers.smtp.SmtpMailer;
import io.vertx.ext.mail.SMTPException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a provider answers (its documented error bodies, mutated, truncated, or noise, with any status and any
 * retry header), the answer leaves as a receipt for a 2xx or a {@link DeliveryException} with a reason: never
 * another exception, never a wait over a day, never the tenant's secret.
 */
class ErrorBodyPropertiesTest {

    private static final String SECRET = "s3cr3t-KEY-value";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_392_815_000L), ZoneOffset.UTC);
    private static final ProvidersConfig CONFIG = TestConfig.providers(Map.of());
    private static final ProviderGuards GUARDS = new ProviderGuards(CONFIG);
    private static final List<String> BODIES = List.of(
            "sendgrid/sendgrid-error-400-invalid-recipient.http", "sendgrid/sendgrid-error-401-auth-spec-example.http",
            "sendgrid/sendgrid-error-403-sender-identity.http", "sendgrid/sendgrid-error-429-rate-limit.http",
            "mailgun/mailgun-error-400-invalid-recipient.http", "mailgun/mailgun-error-401-auth.http",
            "mailgun/mailgun-error-429-rate-limit.http", "postmark/postmark-error-422-inactive-recipient.http",
            "postmark/postmark-error-401-auth.http", "postmark/postmark-send-response-200.http",
            "ses/ses-error-400-message-rejected.http", "ses/ses-error-429-too-many-requests.http")
            .stream().map(path -> Fixtures.http(path).body()).toList();

    private static final Map<ProviderKind, Function<HttpAnswer, SendReceipt>> HTTP_MAILERS = Map.of(
            ProviderKind.sendgrid, answer -> new SendGridMailer(CONFIG, GUARDS, CLOCK).interpret(answer, credentials(ProviderKind.sendgrid)),
            ProviderKind.mailgun, answer -> new MailgunMailer(CONFIG, GUARDS, CLOCK).interpret(answer, credentials(ProviderKind.mailgun)),
            ProviderKind.postmark, answer -> new PostmarkMailer(CONFIG, GUARDS, CLOCK).interpret(answer, credentials(ProviderKind.postmark)));

    private static ProviderCredentials credentials(ProviderKind kind) {
        return new ProviderCredentials(kind, Map.of("apiKey", SECRET, "serverToken", SECRET, "password", SECRET));
    }

    @Property(tries = 300)
    void everyHttpAnswerIsAReceiptOrAClassifiedFailure(@ForAll("kinds") ProviderKind kind, @ForAll @IntRange(min = 100, max = 599) int status,
            @ForAll("bodies") String body, @ForAll("hints") String retryAfter, @ForAll("hints") String reset) {
        HttpAnswer answer = new HttpAnswer(status, body, retryAfter, reset, null);
        try {
            HTTP_MAILERS.get(kind).apply(answer);
            assertThat(status).as("only a 2xx is a receipt").isBetween(200, 299);
        } catch (DeliveryException failure) {
            assertClassified(failure);
        }
    }

    @Property(tries = 200)
    void everySesErrorIsClassified(@ForAll @IntRange(min = 0, max = 599) int status, @ForAll("errorCodes") String code,
            @ForAll("bodies") String message, @ForAll("hints") String retryAfter) {
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Retry-After", retryAfter == null ? "" : retryAfter).build();
        SesV2Exception refused = (SesV2Exception) SesV2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).sdkHttpResponse(response).build())
                .build();

        assertClassified(new SesMailer(CONFIG, GUARDS, CLOCK).classify(refused, credentials(ProviderKind.ses)));
    }

    @Property(tries = 200)
    void everySmtpReplyIsClassified(@ForAll @IntRange(min = 200, max = 599) int code, @ForAll("bodies") String text,
            @ForAll("vertxMessages") String step) {
        DeliveryException failure = SmtpMailer.classify(new SMTPException(step, code, List.of(code + " " + text + " " + SECRET), code >= 500),
                credentials(ProviderKind.smtp));

        assertClassified(failure);
        if (code >= 400 && code < 500 && code != 454) {
            assertThat(failure.reason().retryable()).as("a 4xx reply is transient").isTrue();
        }
    }

    @Property(tries = 300)
    void aRetryHintIsNeverAnErrorNorNegativeNorOverADay(@ForAll("hints") String header) {
        for (Duration hint : new Duration[] {RetryHints.retryAfter(header, CLOCK), RetryHints.rateLimitReset(header, CLOCK),
                RetryHints.fromText(header, CLOCK)}) {
            if (hint != null) {
                assertThat(hint).isBetween(Duration.ZERO, Duration.ofDays(1));
            }
        }
    }

    private static void assertClassified(DeliveryException failure) {
        assertThat(failure.reason()).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(SECRET);
        if (failure.retryAfter() != null) {
            assertThat(failure.retryAfter()).isBetween(Duration.ZERO, Duration.ofDays(1));
        }
    }

    @Provide
    Arbitrary<ProviderKind> kinds() {
        return Arbitraries.of(ProviderKind.sendgrid, ProviderKind.mailgun, ProviderKind.postmark);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> documented = Arbitraries.of(BODIES);
        Arbitrary<String> mutated = Combinators.combine(documented, Arbitraries.integers().between(0, 400),
                Arbitraries.strings().ofMaxLength(12), Arbitraries.integers().between(0, 400))
                .as((body, cut, insert, at) -> {
                    String truncated = body.substring(0, Math.min(cut, body.length()));
                    int position = Math.min(at, truncated.length());
                    return truncated.substring(0, position) + insert + truncated.substring(position);
                });
        Arbitrary<String> withSecret = documented.map(body -> body.replace("\"message\"", "\"message\":\"" + SECRET + "\",\"x\""));
        return Arbitraries.oneOf(documented, mutated, withSecret, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.just(""), Arbitraries.just("{\"ErrorCode\":\"406\"}"), Arbitraries.just("[1,2]"), Arbitraries.just("null"));
    }

    @Provide
    Arbitrary<String> hints() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().numeric().ofMaxLength(20),
                Arbitraries.longs().between(-5, 99_999_999_999L).map(String::valueOf),
                Arbitraries.just("Wed, 21 Oct 2015 07:28:00 GMT"), Arbitraries.just("try again after 120 seconds"),
                Arbitraries.just("try again after Mon, 20 Dec 2021 20:33:21 UTC"), Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> errorCodes() {
        return Arbitraries.oneOf(Arbitraries.of("TooManyRequestsException", "MessageRejected", "AccountSuspendedException",
                "InvalidClientTokenId", "InternalFailure", "BadRequestException", "ServiceUnavailable", ""),
                Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> vertxMessages() {
        return Arbitraries.of("recipient address not accepted", "sender address not accepted", "sending data failed",
                "DATA command not accepted", "AUTH PLAIN failed", "got error response", "");
    }
}
