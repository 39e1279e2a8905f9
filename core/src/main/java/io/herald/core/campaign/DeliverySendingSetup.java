package io.herald.core.campaign;

import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The tenant's provider accounts, and its sender domains. The tenant settings do not hold {@code senderDomains} in
 * this build yet, so a sender cannot be checked and a campaign is refused as unavailable rather than accepted
 * unchecked; once they do, {@link #senderDomains} reads them and this stops being a default bean.
 */
@DefaultBean
@ApplicationScoped
public class DeliverySendingSetup implements SendingSetup {

    private final ProviderAccounts accounts;

    public DeliverySendingSetup(ProviderAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean isConfigured(String tenantId, ProviderKind kind) {
        return accounts.isConfigured(tenantId, kind);
    }

    @Override
    public List<String> senderDomains(String tenantId) {
        throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Service unavailable", "sender domains are not available in this build");
    }
}
