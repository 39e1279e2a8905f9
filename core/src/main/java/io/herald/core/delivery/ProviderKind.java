package io.herald.core.delivery;

/** The email providers Herald can send through; each has one {@link Mailer} implementation. */
public enum ProviderKind {
    smtp, ses, sendgrid, mailgun, postmark
}
