package io.herald.api.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Signs SNS messages as SNS would, with the fixture set's TEST-ONLY key, so tests can post messages of their own. */
final class SnsSigner {

    static final String DIR = "/fixtures/webhooks/ses/";
    static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000test.pem";
    static final ObjectMapper JSON = new ObjectMapper();

    private SnsSigner() {
    }

    static byte[] fixture(String name) {
        try (InputStream in = SnsSigner.class.getResourceAsStream(DIR + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String name) {
        try {
            return (ObjectNode) JSON.readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message with SignatureVersion 2, the test certificate's URL and its signature over the string SNS signs. */
    static byte[] sign(ObjectNode message) {
        message.put("SignatureVersion", "2");
        message.put("SigningCertURL", CERT_URL);
        StringBuilder signed = new StringBuilder();
        boolean notification = "Notification".equals(message.path("Type").asText());
        String[] names = notification ? new String[]{"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[]{"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        for (String name : names) {
            if (message.hasNonNull(name)) {
                signed.append(name).append('\n').append(message.get(name).textValue()).append('\n');
            }
        }
        try {
            String pem = new String(fixture("sns-test-signing-key.TEST-ONLY.pem"), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
            signer.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return JSON.writeValueAsBytes(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
