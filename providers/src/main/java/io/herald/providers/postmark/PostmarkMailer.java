package io.herald.providers.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.Correlation;
import io.herald.providers.ProviderGuards;
import io.herald.providers.ProvidersConfig;
import io.herald.providers.Regions;
import io.herald.providers.Secrets;
import io.herald.providers.http.HttpAnswer;
import io.herald.providers.http.HttpExchange;
import io.herald.providers.http.RestClients;
import io.herald.providers.http.RetryHints;
import io.herald.providers.http.Statuses;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Postmark Email API: Herald's message id and tenant in {@code Metadata} (Postmark returns it in every webhook),
 * headers as a {@code Headers} array, the tenant's message stream. Credentials: {@code serverToken}, optional
 * {@code messageStream} (default from config: {@code broadcast}).
 */
@ApplicationScoped
public class PostmarkMailer implements Mailer {

    private final ProvidersConfig config;
    private final ProviderGuards guards;
    private final Clock clock;
    private final RestClients<PostmarkApi> clients;

    public PostmarkMailer(ProvidersConfig config, ProviderGuards guards, Clock clock) {
        this.config = config;
        this.guards = guards;
        this.clock = clock;
        this.clients = new RestClients<>(PostmarkApi.class, config);
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.postmark;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        String token = credentials.require("serverToken");
        URI baseUrl = Regions.tenantBaseUrl(credentials, config).orElse(config.postmark().baseUrl());
        PostmarkMessage message = message(email, credentials.optional("messageStream", config.postmark().messageStream()));
        // Built outside the guard: a client's first build (class loading, connection pool) is not the provider's time.
        PostmarkApi api = clients.at(baseUrl);
        return HttpExchange.send(guards, kind(), baseUrl, () -> api.send(token, message),
                answer -> interpret(answer, credentials));
    }

    static PostmarkMessage message(OutboundEmail email, String stream) {
        List<PostmarkMessage.Header> headers = Correlation.headers(email).entrySet().stream()
                .map(header -> new PostmarkMessage.Header(header.getKey(), header.getValue())).toList();
        return new PostmarkMessage(email.from(), email.to(), email.replyTo(), email.subject(), blankToNull(email.html()),
                blankToNull(email.text()), stream, headers, Correlation.of(email), false, PostmarkMessage.NO_LINK_TRACKING);
    }

    private static String blankToNull(String part) {
        return part == null || part.isEmpty() ? null : part;
    }

    /** Reads the provider's answer: the receipt, or the classified failure thrown. */
    public SendReceipt interpret(HttpAnswer answer, ProviderCredentials credentials) {
        JsonNode body = HttpExchange.json(answer.body());
        JsonNode code = body.path("ErrorCode");
        // Postmark can answer 200 with a non-zero ErrorCode: that message was not accepted.
        if (answer.successful() && (!code.canConvertToInt() || code.asInt() == 0)) {
            return new SendReceipt(kind(), body.path("MessageID").asText(null));
        }
        Reason byStatus = Statuses.reason(answer.status());
        Reason reason = switch (byStatus) {
            case AUTHENTICATION, RATE_LIMITED, TRANSIENT -> answer.successful() && code.canConvertToInt()
                    ? PostmarkErrors.reason(code.asInt()).orElse(Reason.REJECTED_CONTENT) : byStatus;
            default -> code.canConvertToInt() ? PostmarkErrors.reason(code.asInt()).orElse(byStatus) : byStatus;
        };
        throw new DeliveryException(reason, reason == Reason.RATE_LIMITED ? RetryHints.retryAfter(answer.retryAfter(), clock) : null,
                "postmark: HTTP " + answer.status() + (code.canConvertToInt() ? " ErrorCode " + code.asInt() : "") + ": "
                        + Secrets.scrub(body.path("Message").asText(answer.body()), credentials));
    }
}
