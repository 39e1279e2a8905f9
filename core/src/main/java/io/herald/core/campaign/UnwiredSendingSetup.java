package io.herald.core.campaign;

import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Stands in until the delivery capability provides a {@link SendingSetup} (provider accounts, sender domains): a
 * campaign whose provider and sender cannot be checked is refused as unavailable rather than accepted unchecked.
 */
@DefaultBean
@ApplicationScoped
public class UnwiredSendingSetup implements SendingSetup {

    @Override
    public boolean isConfigured(String tenantId, ProviderKind kind) {
        throw unavailable();
    }

    @Override
    public List<String> senderDomains(String tenantId) {
        throw unavailable();
    }

    private static HeraldException unavailable() {
        return new HeraldException(HeraldException.Kind.UNAVAILABLE, "Service unavailable", "provider accounts are not available in this build");
    }
}
