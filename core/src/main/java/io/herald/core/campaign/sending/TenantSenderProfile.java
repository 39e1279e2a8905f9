package io.herald.core.campaign.sending;

import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The sender profile from the tenant's settings. The postal address setting is compliance's ({@code postalAddress});
 * until it is in {@link TenantSettings} there is none, and the pre-send check then refuses every campaign email
 * rather than sending one without the address.
 */
@DefaultBean
@ApplicationScoped
class TenantSenderProfile implements SenderProfile {

    private final TenantService tenants;

    TenantSenderProfile(TenantService tenants) {
        this.tenants = tenants;
    }

    @Override
    public Optional<String> postalAddress(String tenantId) {
        return Optional.empty();
    }

    @Override
    public String brand(String tenantId) {
        return tenants.settings(tenantId).brandName();
    }

    @Override
    public List<String> linkDomains(String tenantId) {
        return tenants.settings(tenantId).linkDomains();
    }
}
