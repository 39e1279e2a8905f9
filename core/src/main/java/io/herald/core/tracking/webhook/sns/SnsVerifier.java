package io.herald.core.tracking.webhook.sns;

import io.herald.core.tracking.webhook.WebhookRejected;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Checks that Amazon SNS signed a message: the certificate from an admitted SNS URL, valid now, and its RSA key
 * over the string SNS signs, with SHA1withRSA (SignatureVersion 1) or SHA256withRSA (2). Nothing else is
 * accepted: no unsigned message, no other version, no certificate from anywhere else.
 */
@ApplicationScoped
public class SnsVerifier {

    private final SigningCertificates certificates;

    public SnsVerifier(SigningCertificates certificates) {
        this.certificates = certificates;
    }

    /** Returns when SNS signed the message; otherwise a 401 that says what failed (a 503 when SNS cannot be asked). */
    public void verify(SnsMessage message, Instant now) {
        String algorithm = algorithm(message.signatureVersion());
        if (message.signature() == null || message.signature().isEmpty()) {
            throw WebhookRejected.unauthenticated("the SNS message is not signed");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(message.signature());
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.unauthenticated("the SNS message's Signature is not base64");
        }
        SnsUrl url = SnsUrls.signingCertificate(message.signingCertUrl());
        // SNS signs with its own region's certificate: a host of another "region" (sns.s3.amazonaws.com is an S3
        // bucket's name, not SNS) is never asked
        if (!SnsUrls.region(message.topicArn()).map(url.region()::equals).orElse(false)) {
            throw WebhookRejected.unauthenticated("SigningCertURL is not in the region of the topic " + message.topicArn());
        }
        X509Certificate certificate = certificates.get(url);
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw WebhookRejected.unauthenticated("the SNS signing certificate is not valid now");
        }
        PublicKey key = certificate.getPublicKey();
        if (!"RSA".equals(key.getAlgorithm())) {
            throw WebhookRejected.unauthenticated("the SNS signing certificate does not hold an RSA key");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message.stringToSign());
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw WebhookRejected.unauthenticated("the SNS signature does not match the message");
        }
    }

    static String algorithm(String signatureVersion) {
        if ("1".equals(signatureVersion)) {
            return "SHA1withRSA";
        }
        if ("2".equals(signatureVersion)) {
            return "SHA256withRSA";
        }
        throw WebhookRejected.unauthenticated(signatureVersion == null ? "the SNS message has no SignatureVersion"
                : "SignatureVersion '" + printable(signatureVersion) + "' is not 1 or 2");
    }

    private static String printable(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 16 ? safe.substring(0, 16) + "..." : safe;
    }
}
