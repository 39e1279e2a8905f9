package io.herald.core.campaign;

import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** The tenant's sending set-up as compliance stores it: provider accounts and the settings' sender domains. */
@ApplicationScoped
public class AccountSendingSetup implements SendingSetup {

    private final ProviderAccounts accounts;
    private final TenantService tenants;

    public AccountSendingSetup(ProviderAccounts accounts, TenantService tenants) {
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @Override
    public boolean isConfigured(String tenantId, ProviderKind kind) {
        return accounts.isConfigured(tenantId, kind);
    }

    @Override
    public List<String> senderDomains(String tenantId) {
        return tenants.settings(tenantId).senderDomains().stream().map(domain -> domain.toLowerCase(Locale.ROOT)).toList();
    }
}
