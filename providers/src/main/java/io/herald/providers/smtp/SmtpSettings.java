package io.herald.providers.smtp;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.providers.ProvidersConfig;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * A tenant's SMTP relay, from its credentials: {@code host}; optional {@code port}, {@code tls} ({@code starttls}:
 * STARTTLS required; {@code tls}: implicit TLS (SMTPS); {@code none}: plain), {@code username} with {@code password}.
 * Without {@code tls}, STARTTLS is used when the server offers it, and required when there is a login, so that a
 * password never crosses the network in clear.
 *
 * @param port the given port, else 587 for STARTTLS, 465 for implicit TLS, 25 without TLS
 */
record SmtpSettings(String host, int port, String tls, String username, String password) {

    static SmtpSettings from(ProviderCredentials credentials) {
        String tls = credentials.optional("tls", "auto");
        int defaultPort = switch (tls) {
            case "auto", "starttls" -> 587;
            case "tls" -> 465;
            case "none" -> 25;
            default -> throw invalid("tls must be 'starttls', 'tls' or 'none'");
        };
        int port;
        try {
            port = Integer.parseInt(credentials.optional("port", Integer.toString(defaultPort)));
        } catch (NumberFormatException e) {
            throw invalid("port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid("port is out of range");
        }
        String username = credentials.optional("username", null);
        return new SmtpSettings(credentials.require("host"), port, tls, username,
                username == null ? null : credentials.require("password"));
    }

    MailConfig mailConfig(ProvidersConfig config) {
        MailConfig mail = new MailConfig()
                .setHostname(host)
                .setPort(port)
                .setSsl("tls".equals(tls))
                .setStarttls(startTls())
                .setLogin(username == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setKeepAlive(true);
        mail.setConnectTimeout((int) config.connectTimeout().toMillis());
        if (username != null) {
            mail.setUsername(username).setPassword(password);
        }
        return mail;
    }

    private StartTLSOptions startTls() {
        return switch (tls) {
            case "starttls" -> StartTLSOptions.REQUIRED;
            case "auto" -> username == null ? StartTLSOptions.OPTIONAL : StartTLSOptions.REQUIRED;
            default -> StartTLSOptions.DISABLED;
        };
    }

    String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + endpoint() + ", tls=" + tls + ", login=" + (username != null) + "]";
    }

    private static DeliveryException invalid(String what) {
        return new DeliveryException(Reason.AUTHENTICATION, null, "smtp credentials: " + what);
    }
}
