package io.herald.providers.mailgun;

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
import jakarta.ws.rs.core.Form;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mailgun Messages API: form fields, headers as {@code h:} fields, Herald's message id and tenant as {@code v:}
 * variables (Mailgun returns them as {@code user-variables} in events). Credentials: {@code apiKey}, {@code domain},
 * optional {@code region} ({@code us} or {@code eu}: a domain lives in one region only). Mailgun's own tracking is off
 * per message ({@code o:tracking}, {@code o:tracking-clicks}, {@code o:tracking-opens} = {@code no}): Herald tracks.
 */
@ApplicationScoped
public class MailgunMailer implements Mailer {

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final ProvidersConfig config;
    private final ProviderGuards guards;
    private final Clock clock;
    private final RestClients<MailgunApi> clients;

    public MailgunMailer(ProvidersConfig config, ProviderGuards guards, Clock clock) {
        this.config = config;
        this.guards = guards;
        this.clock = clock;
        this.clients = new RestClients<>(MailgunApi.class, config);
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.mailgun;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("api:" + credentials.require("apiKey")).getBytes(StandardCharsets.UTF_8));
        String domain = credentials.require("domain");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new DeliveryException(Reason.AUTHENTICATION, null, "mailgun credentials name a domain that is not a host name");
        }
        URI baseUrl = Regions.pick(credentials, config, config.mailgun().baseUrl(), config.mailgun().euBaseUrl());
        Form form = form(email);
        // Built outside the guard: a client's first build (class loading, connection pool) is not the provider's time.
        MailgunApi api = clients.at(baseUrl);
        return HttpExchange.send(guards, kind(), baseUrl, () -> api.send(domain, authorization, form),
                answer -> interpret(answer, credentials));
    }

    static Form form(OutboundEmail email) {
        Form form = new Form()
                .param("from", email.from())
                .param("to", email.to())
                .param("subject", email.subject());
        if (email.text() != null && !email.text().isEmpty()) {
            form.param("text", email.text());
        }
        if (email.html() != null && !email.html().isEmpty()) {
            form.param("html", email.html());
        }
        if (email.replyTo() != null) {
            form.param("h:Reply-To", email.replyTo());
        }
        Correlation.headers(email).forEach((name, value) -> form.param("h:" + name, value));
        Correlation.of(email).forEach((name, value) -> form.param("v:" + name, value));
        // Herald tracks opens and clicks itself: Mailgun's own pixel and link rewriting would double both.
        form.param("o:tracking", "no").param("o:tracking-clicks", "no").param("o:tracking-opens", "no");
        return form;
    }

    /** Reads the provider's answer: the receipt, or the classified failure thrown. */
    public SendReceipt interpret(HttpAnswer answer, ProviderCredentials credentials) {
        String text = HttpExchange.json(answer.body()).path("message").asText(answer.body());
        if (answer.successful()) {
            String id = HttpExchange.json(answer.body()).path("id").asText(null);
            // The send answer has "<id@domain>"; webhooks carry the id without the angle brackets.
            return new SendReceipt(kind(), id == null ? null : id.replaceAll("^<|>$", ""));
        }
        Reason reason = switch (answer.status()) {
            // Mailgun answers 400 with text only; a bad recipient is "to parameter is not a valid address...".
            case 400 -> text.strip().toLowerCase(Locale.ROOT).matches("^'?to'? parameter.*") ? Reason.INVALID_RECIPIENT : Reason.REJECTED_CONTENT;
            // "Domain not found": the tenant's domain setting is wrong, and every send will fail the same way.
            case 404 -> Reason.AUTHENTICATION;
            default -> Statuses.reason(answer.status());
        };
        throw new DeliveryException(reason, reason == Reason.RATE_LIMITED
                ? RetryHints.first(RetryHints.retryAfter(answer.retryAfter(), clock), RetryHints.fromText(text, clock))
                : null,
                "mailgun: HTTP " + answer.status() + ": " + Secrets.scrub(text, credentials));
    }
}
