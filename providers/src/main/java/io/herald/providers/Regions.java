package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.ProviderCredentials;

import java.net.URI;

/** A tenant picks a provider region ({@code us}, the default, or {@code eu}); the operator's config gives its URL. */
public final class Regions {

    private Regions() {
    }

    public static URI pick(ProviderCredentials credentials, URI us, URI eu) {
        String region = credentials.optional("region", "us");
        return switch (region) {
            case "us" -> us;
            case "eu" -> eu;
            default -> throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null,
                    credentials.kind() + " credentials name region '" + Secrets.scrub(region, credentials) + "'; expected 'us' or 'eu'");
        };
    }
}
