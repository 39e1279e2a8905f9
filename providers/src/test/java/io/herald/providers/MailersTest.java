package io.herald.providers;

import io.herald.core.delivery.ProviderKind;
import io.herald.providers.mailgun.MailgunMailer;
import io.herald.providers.postmark.PostmarkMailer;
import io.herald.providers.sendgrid.SendGridMailer;
import io.herald.providers.ses.SesMailer;
import io.herald.providers.smtp.SmtpMailer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class MailersTest {

    @Inject
    Mailers mailers;

    @Test
    void everyProviderKindHasItsMailer() {
        Map<ProviderKind, Class<?>> expected = Map.of(ProviderKind.smtp, SmtpMailer.class, ProviderKind.ses, SesMailer.class,
                ProviderKind.sendgrid, SendGridMailer.class, ProviderKind.mailgun, MailgunMailer.class,
                ProviderKind.postmark, PostmarkMailer.class);

        for (ProviderKind kind : ProviderKind.values()) {
            assertThat(mailers.forKind(kind).kind()).isEqualTo(kind);
            assertThat(mailers.forKind(kind)).isInstanceOf(expected.get(kind));
        }
    }
}
