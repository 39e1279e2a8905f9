package io.herald.core.campaign;

import io.herald.core.delivery.ProviderKind;

import java.util.List;

/**
 * What a campaign needs to know about the tenant's sending set-up: provider accounts with credentials
 * ({@code ProviderAccounts.isConfigured}) and the sender domains of the tenant's settings ({@code senderDomains}).
 */
public interface SendingSetup {

    /** Whether the tenant has stored credentials for this provider. */
    boolean isConfigured(String tenantId, ProviderKind kind);

    /** The domains (and their subdomains) the tenant may send from, lower-case. */
    List<String> senderDomains(String tenantId);
}
