package io.herald.core.support;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.function.Supplier;

/**
 * Reads SSM SecureString parameters with decryption. The client is built on the first read, so a function that
 * never needs a secret from SSM never pays for the client or the call.
 */
@ApplicationScoped
public class SsmParameters {

    private final Supplier<SsmClient> factory;
    private SsmClient ssm;

    @Inject
    public SsmParameters() {
        this(() -> SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** With the SSM client to use (region, credentials and endpoint already set), for tests. */
    public SsmParameters(Supplier<SsmClient> factory) {
        this.factory = factory;
    }

    /**
     * The decrypted value, stripped of surrounding white space.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when SSM cannot be reached or has no such parameter
     */
    public synchronized String decrypted(String parameterName) {
        if (ssm == null) {
            ssm = factory.get();
        }
        return ssm.getParameter(request -> request.name(parameterName).withDecryption(true)).parameter().value().strip();
    }

    @PreDestroy
    synchronized void close() {
        if (ssm != null) {
            ssm.close();
        }
    }
}
