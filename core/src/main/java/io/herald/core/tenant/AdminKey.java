package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a presented admin key against the configured one, in constant time. In AWS the key lives in an SSM
 * SecureString parameter, read once on the first admin request: a cold start that serves tenants only never
 * pays for the call, and the key never appears in the template or the function's environment.
 */
@ApplicationScoped
public class AdminKey {

    private static final Logger LOG = Logger.getLogger(AdminKey.class);

    private final AdminConfig config;
    private final Supplier<SsmClient> ssmFactory;
    private volatile Optional<String> expectedSha256;
    private SsmClient ssm;

    @Inject
    public AdminKey(AdminConfig config) {
        this(config, () -> SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** With the SSM client to use (region, credentials and endpoint already set), for tests. */
    AdminKey(AdminConfig config, Supplier<SsmClient> ssmFactory) {
        this.config = config;
        this.ssmFactory = ssmFactory;
    }

    /** False when no admin key is configured: the admin API is then closed. */
    public boolean matches(String presented) {
        return presented != null && expectedSha256().map(expected -> ApiKeys.sameHash(expected, ApiKeys.sha256(presented))).orElse(false);
    }

    private Optional<String> expectedSha256() {
        Optional<String> known = expectedSha256;
        if (known == null) {
            synchronized (this) {
                known = expectedSha256;
                if (known == null) {
                    known = configuredKey().map(ApiKeys::sha256);
                    expectedSha256 = known;
                }
            }
        }
        return known;
    }

    private Optional<String> configuredKey() {
        Optional<String> literal = config.key().filter(key -> !key.isBlank());
        if (literal.isPresent()) {
            return literal;
        }
        return config.keyParameter().filter(name -> !name.isBlank()).map(this::fetch).filter(key -> !key.isBlank());
    }

    /** A failed fetch is not remembered, so the next admin request tries again. */
    private String fetch(String parameterName) {
        try {
            if (ssm == null) {
                ssm = ssmFactory.get();
            }
            return ssm.getParameter(request -> request.name(parameterName).withDecryption(true)).parameter().value().strip();
        } catch (SdkException e) {
            LOG.errorf("cannot read the admin key from SSM parameter %s: %s", parameterName, e.getMessage());
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Admin key unavailable",
                    "the admin key cannot be read from its SSM parameter; try again later");
        }
    }

    @PreDestroy
    synchronized void close() {
        if (ssm != null) {
            ssm.close();
        }
    }
}
