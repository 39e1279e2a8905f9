package io.herald.core.tenant;

import io.herald.core.support.ConfiguredSecret;
import io.herald.core.support.SsmParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.function.Supplier;

/**
 * Checks a presented admin key against the configured one, in constant time. In AWS the key lives in an SSM
 * SecureString parameter, read once on the first admin request: a cold start that serves tenants only never
 * pays for the call, and the key never appears in the template or the function's environment.
 */
@ApplicationScoped
public class AdminKey {

    private final ConfiguredSecret key;

    @Inject
    public AdminKey(AdminConfig config, SsmParameters ssm) {
        this.key = new ConfiguredSecret("the admin key", config.key(), config.keyParameter(), ssm);
    }

    /** With the SSM client to use (region, credentials and endpoint already set), for tests. */
    AdminKey(AdminConfig config, Supplier<SsmClient> ssmFactory) {
        this(config, new SsmParameters(ssmFactory));
    }

    /** False when no admin key is configured: the admin API is then closed. */
    public boolean matches(String presented) {
        return presented != null && key.get().map(expected -> ApiKeys.sameHash(ApiKeys.sha256(expected), ApiKeys.sha256(presented))).orElse(false);
    }
}
