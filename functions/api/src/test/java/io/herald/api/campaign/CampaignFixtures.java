package io.herald.api.campaign;

import io.herald.core.campaign.SendingSetup;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sender domains a campaign's from address must belong to. They are the tenant settings' {@code senderDomains},
 * which this build's settings do not hold yet; until they do, the api's tests set them here, and provider accounts
 * come from the real {@link ProviderAccounts} (set with PUT /v1/providers/{kind}).
 */
final class CampaignFixtures {

    private static final Map<String, List<String>> SENDER_DOMAINS = new ConcurrentHashMap<>();

    private CampaignFixtures() {
    }

    static void senderDomains(String tenantId, String... domains) {
        SENDER_DOMAINS.put(tenantId, List.of(domains));
    }

    /** Wins over the real {@code AccountSendingSetup}, so that these tests can check both the accounts and the sender domains. */
    @jakarta.enterprise.inject.Alternative
    @jakarta.annotation.Priority(1)
    @ApplicationScoped
    static class Sending implements SendingSetup {

        private final ProviderAccounts accounts;

        Sending(ProviderAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public boolean isConfigured(String tenantId, ProviderKind kind) {
            return accounts.isConfigured(tenantId, kind);
        }

        @Override
        public List<String> senderDomains(String tenantId) {
            return SENDER_DOMAINS.getOrDefault(tenantId, List.of());
        }
    }
}
