package io.herald.providers.smtp;

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
import io.herald.providers.Secrets;
import io.herald.providers.http.TransportFailures;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * SMTP through the Vert.x mail client that quarkus-mailer is built on, used directly because each tenant has its
 * own relay (quarkus-mailer's mailers are fixed in configuration). One pooled client per credential set. Herald's
 * message id travels in the {@code X-Herald-Message-Id} header; the message is multipart/alternative when it has
 * both a text and an HTML part. Replies are classified by {@link SmtpReplies}.
 */
@ApplicationScoped
public class SmtpMailer implements Mailer {

    private final Vertx vertx;
    private final ProvidersConfig config;
    private final ProviderGuards guards;
    private final ClientCache<Closing> clients;

    public SmtpMailer(Vertx vertx, ProvidersConfig config, ProviderGuards guards) {
        this.vertx = vertx;
        this.config = config;
        this.guards = guards;
        this.clients = new ClientCache<>(config.maxCachedClients());
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.smtp;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        SmtpSettings settings = SmtpSettings.from(credentials);
        MailClient client = clients.get(credentials, () -> new Closing(MailClient.create(vertx, settings.mailConfig(config)))).client();
        MailMessage message = message(email);
        return guards.call(kind(), settings.endpoint(), SendReceipt.class, () -> {
            try {
                MailResult result = client.sendMail(message).toCompletionStage().toCompletableFuture()
                        .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
                String id = result.getMessageID();
                return new SendReceipt(kind(), id == null ? null : id.replaceAll("^<|>$", ""));
            } catch (ExecutionException failed) {
                throw classify(failed.getCause(), credentials);
            } catch (java.util.concurrent.TimeoutException slow) {
                throw new DeliveryException(Reason.TRANSIENT, null, "smtp: no reply within " + config.timeout()
                        + " (the server may still have accepted the message)", slow);
            }
        });
    }

    static MailMessage message(OutboundEmail email) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Correlation.headers(email).forEach(headers::add);
        if (email.replyTo() != null) {
            headers.add("Reply-To", email.replyTo());
        }
        MailMessage message = new MailMessage()
                .setFrom(email.from())
                .setTo(email.to())
                .setSubject(EncodedWords.encode(email.subject()))
                .setHeaders(headers);
        if (email.text() != null && !email.text().isEmpty()) {
            message.setText(email.text());
        }
        if (email.html() != null && !email.html().isEmpty()) {
            message.setHtml(email.html());
        }
        return message;
    }

    /** Classifies a failed send: an SMTP reply by its code and step, anything else as a transport failure. */
    public static DeliveryException classify(Throwable failure, ProviderCredentials credentials) {
        if (failure instanceof SMTPException reply) {
            SmtpReplies.Step step = step(reply.getMessage());
            Reason reason = SmtpReplies.reason(reply.getReplyCode(), reply.getReplyMessage(), step);
            return new DeliveryException(reason, null, "smtp: " + reply.getReplyCode() + " at " + step + ": "
                    + Secrets.scrub(reply.getReplyMessage(), credentials));
        }
        String message = failure == null ? "" : String.valueOf(failure.getMessage());
        if (message.contains("STARTTLS") || message.contains("login is required") || message.contains("AUTH")) {
            // Vert.x's own text when the server cannot do what the settings ask (TLS, a login method).
            return new DeliveryException(Reason.AUTHENTICATION, null, "smtp: " + Secrets.scrub(message, credentials));
        }
        return TransportFailures.classify(ProviderKind.smtp, failure);
    }

    /** Vert.x names the step in its own message ("recipient address not accepted", "sending data failed"...). */
    static SmtpReplies.Step step(String vertxMessage) {
        String text = vertxMessage == null ? "" : vertxMessage;
        if (text.startsWith("recipient address not accepted") || text.startsWith("no recipient addresses were accepted")) {
            return SmtpReplies.Step.RCPT_TO;
        }
        if (text.startsWith("sender address not accepted")) {
            return SmtpReplies.Step.MAIL_FROM;
        }
        if (text.startsWith("sending data failed") || text.startsWith("DATA command not accepted")
                || text.startsWith("message exceeds")) {
            return SmtpReplies.Step.DATA;
        }
        if (text.contains("AUTH") || text.contains("auth")) {
            return SmtpReplies.Step.AUTH;
        }
        return SmtpReplies.Step.CONNECT;
    }

    @PreDestroy
    void close() {
        clients.closeAll();
    }

    /** Vert.x's MailClient closes with {@code close()} but is not {@code AutoCloseable}. */
    record Closing(MailClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
