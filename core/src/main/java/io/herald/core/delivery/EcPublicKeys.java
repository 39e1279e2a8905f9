package io.herald.core.delivery;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an ECDSA P-256 public key as providers hand it out (SendGrid's Signed Event Webhook shows base64 DER
 * SubjectPublicKeyInfo; a PEM copy works too), so that a bad key is refused when it is written, not at every webhook.
 */
public final class EcPublicKeys {

    private static final ECParameterSpec P256 = p256();

    private EcPublicKeys() {
    }

    /** The key, or empty when the text is not an EC public key on P-256. */
    public static Optional<ECPublicKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String base64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (der.length == 0) {
                return Optional.empty();
            }
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey key && isP256(key.getParams())) {
                return Optional.of(key);
            }
            return Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder()) && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime knows P-256", e);
        }
    }
}
