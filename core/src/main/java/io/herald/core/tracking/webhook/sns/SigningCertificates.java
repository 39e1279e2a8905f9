package io.herald.core.tracking.webhook.sns;

import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.webhook.WebhookRejected;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SNS's signing certificates, fetched through {@link SnsHttp} from admitted URLs only and kept by URL: SNS signs
 * every message of a region with the same few certificates, so one download serves thousands of messages, and a
 * new certificate comes with a new URL.
 */
@ApplicationScoped
public class SigningCertificates {

    private static final Logger LOG = Logger.getLogger(SigningCertificates.class);

    private final SnsHttp http;
    private final Map<SnsUrl, X509Certificate> cache;

    public SigningCertificates(SnsHttp http, SnsConfig config) {
        this.http = http;
        int size = Math.max(1, config.cachedCertificates());
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SnsUrl, X509Certificate> eldest) {
                return size() > size;
            }
        };
    }

    /** The certificate at the URL, from memory or SNS; a 401 when the URL holds none, a 503 when SNS cannot be asked. */
    public X509Certificate get(SnsUrl url) {
        synchronized (cache) {
            X509Certificate known = cache.get(url);
            if (known != null) {
                return known;
            }
        }
        SnsHttp.Answer answer;
        try {
            answer = http.get(url);
        } catch (SnsUnreachable | org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
            LOG.warnf("cannot download the SNS signing certificate %s: %s", url, e.getMessage());
            throw new WebhookRejected(HeraldException.Kind.UNAVAILABLE,
                    "the SNS signing certificate cannot be downloaded now; SNS retries, and so may you");
        }
        if (!answer.ok()) {
            throw WebhookRejected.unauthenticated("SigningCertURL holds no certificate (SNS answered HTTP " + answer.status() + ")");
        }
        X509Certificate certificate = parse(answer.body());
        synchronized (cache) {
            cache.put(url, certificate);
        }
        return certificate;
    }

    static X509Certificate parse(byte[] pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | ClassCastException | IllegalArgumentException e) {
            throw WebhookRejected.unauthenticated("SigningCertURL does not hold an X.509 certificate");
        }
    }
}
