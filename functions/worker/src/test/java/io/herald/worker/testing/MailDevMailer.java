package io.herald.worker.testing;

import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** SMTP into MailDev through quarkus-mailer, standing in for the providers slice's SmtpMailer on this branch. */
@ApplicationScoped
public class MailDevMailer implements Mailer {

    public static final AtomicInteger CALLS = new AtomicInteger();

    private final io.quarkus.mailer.Mailer mailer;

    MailDevMailer(io.quarkus.mailer.Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.smtp;
    }

    @Override
    public SendReceipt send(OutboundEmail email, ProviderCredentials credentials) {
        CALLS.incrementAndGet();
        Mail mail = Mail.withHtml(email.to(), email.subject(), email.html()).setText(email.text()).setFrom(email.from());
        email.headers().forEach(mail::addHeader);
        mailer.send(mail);
        return new SendReceipt(ProviderKind.smtp, "smtp-" + email.messageId());
    }
}
