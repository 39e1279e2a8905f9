package io.herald.core.campaign.sending;

import io.herald.core.delivery.Suppressions;
import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;


/** The sending seams answered by the compliance capability: the suppression list and the tenant's sender settings. */
final class ComplianceSeams {

    private ComplianceSeams() {
    }

    /** The tenant's suppression list: one consistent read per recipient, so an unsubscribe counts at the next send. */
    @ApplicationScoped
    static class StoredSuppressionList implements SuppressionList {
        private final Suppressions suppressions;

        StoredSuppressionList(Suppressions suppressions) {
            this.suppressions = suppressions;
        }

        @Override
        public boolean isSuppressed(String tenantId, String email) {
            return suppressions.isSuppressed(tenantId, email);
        }
    }

    /** The footer's postal address and brand, the link allowlist and the tracking switches, from the tenant's settings. */
    @ApplicationScoped
    static class SettingsSenderProfile implements SenderProfile {
        private final TenantService tenants;

        SettingsSenderProfile(TenantService tenants) {
            this.tenants = tenants;
        }

        @Override
        public Profile of(String tenantId) {
            TenantSettings settings = tenants.settings(tenantId);
            return new Profile(settings.postalAddress(), settings.brandName(), settings.linkDomains(), settings.tracking());
        }
    }
}
