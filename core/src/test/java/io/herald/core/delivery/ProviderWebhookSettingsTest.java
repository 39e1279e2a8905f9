package io.herald.core.delivery;

import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook verification settings of the provider accounts: checked when written, never shown again. */
class ProviderWebhookSettingsTest {

    /** SendGrid's own SDK test key (fixtures/webhooks/sendgrid-signed-webhook-vectors.json). */
    private static final String SENDGRID_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    @Test
    void aSendGridVerificationKeyMustBeAP256PublicKeyAndIsNotShown() throws Exception {
        Map<String, String> valid = ProviderFields.validate(ProviderKind.sendgrid, Map.of("apiKey", "SG.x", "webhookVerificationKey", SENDGRID_KEY));
        assertThat(valid).containsEntry("webhookVerificationKey", SENDGRID_KEY);
        assertThat(ProviderFields.visible(ProviderKind.sendgrid, valid)).doesNotContainKey("webhookVerificationKey");
        String pem = "-----BEGIN PUBLIC KEY-----\n" + SENDGRID_KEY.substring(0, 64) + "\n" + SENDGRID_KEY.substring(64) + "\n-----END PUBLIC KEY-----\n";
        assertThat(ProviderFields.validate(ProviderKind.sendgrid, Map.of("apiKey", "SG.x", "webhookVerificationKey", pem))).hasSize(2);

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String wrongCurve = Base64.getEncoder().encodeToString(p384.generateKeyPair().getPublic().getEncoded());
        for (String bad : new String[] {"not a key", "bm90IGEga2V5", wrongCurve, SENDGRID_KEY.substring(0, 40)}) {
            assertThatThrownBy(() -> ProviderFields.validate(ProviderKind.sendgrid, Map.of("apiKey", "SG.x", "webhookVerificationKey", bad)))
                    .isInstanceOf(HeraldException.class).hasMessageStartingWith("webhookVerificationKey: the value is not an ECDSA P-256 public key")
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void aMailgunSigningKeyIsASecret() {
        Map<String, String> valid = ProviderFields.validate(ProviderKind.mailgun,
                Map.of("apiKey", "key-x", "domain", "mg.example.com", "webhookSigningKey", "whsk-123"));
        assertThat(valid).containsEntry("webhookSigningKey", "whsk-123");
        assertThat(ProviderFields.visible(ProviderKind.mailgun, valid)).containsOnlyKeys("domain");
    }

    @Test
    void postmarkWebhookCredentialsGoTogetherAndOnlyTheUserNameIsShown() {
        Map<String, String> valid = ProviderFields.validate(ProviderKind.postmark,
                Map.of("serverToken", "t", "webhookUsername", "hooks", "webhookPassword", "pw:with:colons"));
        assertThat(ProviderFields.visible(ProviderKind.postmark, valid)).containsOnlyKeys("webhookUsername");
        assertThatThrownBy(() -> ProviderFields.validate(ProviderKind.postmark, Map.of("serverToken", "t", "webhookUsername", "hooks")))
                .hasMessageStartingWith("webhookPassword: webhookUsername and webhookPassword go together");
        assertThatThrownBy(() -> ProviderFields.validate(ProviderKind.postmark, Map.of("serverToken", "t", "webhookPassword", "pw")))
                .hasMessageStartingWith("webhookUsername: webhookUsername and webhookPassword go together");
        assertThatThrownBy(() -> ProviderFields.validate(ProviderKind.postmark,
                Map.of("serverToken", "t", "webhookUsername", "a:b", "webhookPassword", "pw")))
                .hasMessageStartingWith("webhookUsername: 'a:b' is not 1 to 256 characters without a colon");
    }
}
