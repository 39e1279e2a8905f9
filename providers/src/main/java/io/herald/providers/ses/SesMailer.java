package io.herald.providers.ses;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.ClientCache;
import io.herald.providers.Correlation;
import io.herald.providers.ProviderGuards;
import io.herald.providers.ProvidersConfig;
import io.herald.providers.Regions;
import io.herald.providers.Secrets;
import io.herald.providers.http.RetryHints;
import io.herald.providers.http.Statuses;
import io.herald.providers.http.TransportFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Amazon SES v2 {@code SendEmail} through the AWS SDK: a Simple message (subject, HTML and text, headers), Herald's
 * message id and tenant as {@code EmailTags} (SES returns them as {@code mail.tags} in its events; event publishing
 * needs a configuration set). Credentials: optional {@code region}, {@code configurationSet}, {@code baseUrl} (when the operator allows it), and
 * {@code accessKeyId} + {@code secretAccessKey} (+ {@code sessionToken}); without keys, the default chain (in AWS,
 * the function's role). The SDK's own retries are off: the guard and the worker's queue do that. SendEmail has no
 * per-message tracking switch: SES rewrites links and adds a pixel only when the configuration set publishes open or
 * click events, so a configuration set used with Herald publishes delivery, bounce and complaint events, not those.
 */
@ApplicationScoped
public class SesMailer implements Mailer {

    private static final Set<String> AUTHENTICATION_CODES = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "AccessDeniedException", "AccessDenied", "IncompleteSignature",
            "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException",
            // the account or the configuration set cannot send, whatever the message: the operator must act
            "AccountSuspendedException", "SendingPausedException", "NotFoundException");
    private static final Set<String> RATE_CODES = Set.of("TooManyRequestsException", "Throttling", "ThrottlingException",
            "LimitExceededException");
    private static final int MAX_TAG = 256;

    private final ProvidersConfig config;
    private final ProviderGuards guards;
    private final Clock clock;
    private final ClientCache<SesV2Client> clients;

    public SesMailer(ProvidersConfig config, ProviderGuards guards, Clock clock) {
        this.config = config;
        this.guards = guards;
        this.clock = clock;
        this.clients = new ClientCache<>(config.maxCachedClients());
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.ses;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        String region = credentials.optional("region", config.ses().region());
        String endpoint = Regions.tenantBaseUrl(credentials, config).map(URI::toString).orElse(region);
        SesV2Client client = clients.get(credentials, () -> client(credentials, region));
        SendEmailRequest request = request(email, credentials.optional("configurationSet", null));
        return guards.call(kind(), endpoint, SendReceipt.class, () -> {
            try {
                return new SendReceipt(kind(), client.sendEmail(request).messageId());
            } catch (AwsServiceException refused) {
                throw classify(refused, credentials);
            } catch (SdkClientException noAnswer) {
                if (noAnswer.getMessage() != null && noAnswer.getMessage().startsWith("Unable to load credentials")) {
                    throw new DeliveryException(Reason.AUTHENTICATION, null, "ses: no AWS credentials (none in the tenant's settings, none in the default chain)");
                }
                throw TransportFailures.classify(kind(), noAnswer);
            }
        });
    }

    static SendEmailRequest request(OutboundEmail email, String configurationSet) {
        List<MessageHeader> headers = Correlation.headers(email).entrySet().stream()
                .map(header -> MessageHeader.builder().name(header.getKey()).value(header.getValue()).build()).toList();
        List<MessageTag> tags = Correlation.of(email).entrySet().stream()
                .map(tag -> MessageTag.builder().name(tagText(tag.getKey())).value(tagText(tag.getValue())).build())
                .filter(tag -> !tag.name().isEmpty() && !tag.value().isEmpty())
                .toList();
        Body.Builder body = Body.builder();
        if (email.html() != null && !email.html().isEmpty()) {
            body.html(utf8(email.html()));
        }
        if (email.text() != null && !email.text().isEmpty()) {
            body.text(utf8(email.text()));
        }
        return SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(destination -> destination.toAddresses(email.to()))
                .replyToAddresses(email.replyTo() == null ? List.of() : List.of(email.replyTo()))
                .content(content -> content.simple(message -> message
                        .subject(utf8(email.subject()))
                        .body(body.build())
                        .headers(headers)))
                .emailTags(tags)
                .configurationSetName(configurationSet)
                .build();
    }

    /** SES allows only ASCII letters, digits, {@code _} and {@code -} in tag names and values, 256 at most. */
    static String tagText(String text) {
        String safe = text == null ? "" : text.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.length() > MAX_TAG ? safe.substring(0, MAX_TAG) : safe;
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }

    /** Classifies an error answer of SES (the SDK has already read its error type and message). */
    public DeliveryException classify(AwsServiceException refused, ProviderCredentials credentials) {
        String code = refused.awsErrorDetails() == null ? "" : String.valueOf(refused.awsErrorDetails().errorCode());
        int status = refused.statusCode();
        Reason reason;
        if (AUTHENTICATION_CODES.contains(code)) {
            reason = Reason.AUTHENTICATION;
        } else if (RATE_CODES.contains(code)) {
            reason = Reason.RATE_LIMITED;
        } else if (status >= 500 || code.toLowerCase(Locale.ROOT).contains("unavailable") || "InternalFailure".equals(code)) {
            reason = Reason.TRANSIENT;
        } else {
            // MessageRejected, MailFromDomainNotVerifiedException, BadRequestException: the sender or the content.
            reason = status == 0 ? Reason.TRANSIENT : Statuses.reason(status);
        }
        String hint = refused.awsErrorDetails() == null || refused.awsErrorDetails().sdkHttpResponse() == null ? null
                : refused.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
        String message = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorMessage();
        return new DeliveryException(reason, reason == Reason.RATE_LIMITED ? RetryHints.retryAfter(hint, clock) : null,
                "ses: HTTP " + status + " " + Secrets.scrub(code, credentials) + ": " + Secrets.scrub(message, credentials));
    }

    private SesV2Client client(ProviderCredentials credentials, String region) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentialsProvider(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.timeout()))
                .overrideConfiguration(override -> override
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.timeout()));
        Regions.tenantBaseUrl(credentials, config).or(() -> config.ses().endpointOverride()).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentialsProvider(ProviderCredentials credentials) {
        String accessKeyId = credentials.optional("accessKeyId", null);
        if (accessKeyId == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = credentials.require("secretAccessKey");
        String session = credentials.optional("sessionToken", null);
        return StaticCredentialsProvider.create(session == null
                ? AwsBasicCredentials.create(accessKeyId, secret)
                : AwsSessionCredentials.create(accessKeyId, secret, session));
    }

    @PreDestroy
    void close() {
        clients.closeAll();
    }
}
