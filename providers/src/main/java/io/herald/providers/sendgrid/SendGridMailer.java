package io.herald.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.Addresses;
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
import java.util.ArrayList;
import java.util.List;

/**
 * SendGrid v3 Mail Send: one personalization per message, Herald's message id and tenant in its
 * {@code custom_args} (SendGrid returns them as top-level keys of every event), headers at message level.
 * Credentials: {@code apiKey}, optional {@code region} ({@code us} or {@code eu}).
 */
@ApplicationScoped
public class SendGridMailer implements Mailer {

    private final ProvidersConfig config;
    private final ProviderGuards guards;
    private final Clock clock;
    private final RestClients<SendGridApi> clients;

    public SendGridMailer(ProvidersConfig config, ProviderGuards guards, Clock clock) {
        this.config = config;
        this.guards = guards;
        this.clock = clock;
        this.clients = new RestClients<>(SendGridApi.class, config);
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.sendgrid;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        String authorization = "Bearer " + credentials.require("apiKey");
        URI baseUrl = Regions.pick(credentials, config, config.sendgrid().baseUrl(), config.sendgrid().euBaseUrl());
        SendGridMessage message = message(email);
        // Built outside the guard: a client's first build (class loading, connection pool) is not the provider's time.
        SendGridApi api = clients.at(baseUrl);
        return HttpExchange.send(guards, kind(), baseUrl, () -> api.send(authorization, message),
                answer -> interpret(answer, credentials));
    }

    static SendGridMessage message(OutboundEmail email) {
        List<SendGridMessage.Content> content = new ArrayList<>();
        // SendGrid requires text/plain before text/html.
        if (email.text() != null && !email.text().isEmpty()) {
            content.add(new SendGridMessage.Content("text/plain", email.text()));
        }
        if (email.html() != null && !email.html().isEmpty()) {
            content.add(new SendGridMessage.Content("text/html", email.html()));
        }
        return new SendGridMessage(
                List.of(new SendGridMessage.Personalization(List.of(address(email.to())), email.subject(), Correlation.of(email))),
                address(email.from()), email.replyTo() == null ? null : address(email.replyTo()),
                content, Correlation.headers(email), SendGridMessage.TrackingSettings.off());
    }

    private static SendGridMessage.Address address(String address) {
        Addresses.Mailbox mailbox = Addresses.parse(address);
        return new SendGridMessage.Address(mailbox.email(), mailbox.name());
    }

    /** Reads the provider's answer: the receipt, or the classified failure thrown. */
    public SendReceipt interpret(HttpAnswer answer, ProviderCredentials credentials) {
        if (answer.successful()) {
            return new SendReceipt(kind(), answer.messageId());
        }
        JsonNode errors = HttpExchange.json(answer.body()).path("errors");
        String field = errors.path(0).path("field").asText("");
        String text = errors.path(0).path("message").asText(answer.body());
        Reason reason = switch (answer.status()) {
            case 400 -> field.startsWith("personalizations.") && field.contains(".to") ? Reason.INVALID_RECIPIENT : Reason.REJECTED_CONTENT;
            // 403 is both "from address does not match a verified Sender Identity" and a key without mail.send.
            case 403 -> "from".equals(field) ? Reason.REJECTED_CONTENT : Reason.AUTHENTICATION;
            default -> Statuses.reason(answer.status());
        };
        throw new DeliveryException(reason, reason == Reason.RATE_LIMITED
                ? RetryHints.first(RetryHints.retryAfter(answer.retryAfter(), clock), RetryHints.rateLimitReset(answer.rateLimitReset(), clock))
                : null,
                "sendgrid: HTTP " + answer.status() + (field.isEmpty() || "null".equals(field) ? "" : " " + field) + ": "
                        + Secrets.scrub(text, credentials));
    }
}
