package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.ProviderCredentials;

import java.net.URI;
import java.util.Optional;

/**
 * Where a tenant's provider API lives: the tenant's {@code baseUrl} when the operator allows tenant base URLs,
 * else the operator's URL for the region the tenant picks ({@code us}, the default, or {@code eu}).
 */
public final class Regions {

    private Regions() {
    }

    public static URI pick(ProviderCredentials credentials, ProvidersConfig config, URI us, URI eu) {
        return tenantBaseUrl(credentials, config).orElseGet(() -> pick(credentials, us, eu));
    }

    /** The tenant's {@code baseUrl}, if it set one and the operator allows it; a refusal when it is not allowed. */
    public static Optional<URI> tenantBaseUrl(ProviderCredentials credentials, ProvidersConfig config) {
        String baseUrl = credentials.optional("baseUrl", null);
        if (baseUrl == null) {
            return Optional.empty();
        }
        if (!config.allowTenantBaseUrl()) {
            throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null, credentials.kind()
                    + " settings name a baseUrl, which this Herald does not allow (herald.providers.allow-tenant-base-url)");
        }
        try {
            URI uri = URI.create(baseUrl.replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null, credentials.kind() + " settings: baseUrl is not an http(s) URL");
    }

    private static URI pick(ProviderCredentials credentials, URI us, URI eu) {
        String region = credentials.optional("region", "us");
        return switch (region) {
            case "us" -> us;
            case "eu" -> eu;
            default -> throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null,
                    credentials.kind() + " credentials name region '" + Secrets.scrub(region, credentials) + "'; expected 'us' or 'eu'");
        };
    }
}
