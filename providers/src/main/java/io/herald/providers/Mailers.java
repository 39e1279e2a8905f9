package io.herald.providers;

import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.ProviderKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/** The {@link Mailer} for each {@link ProviderKind}: every kind has exactly one, or the application does not start. */
@ApplicationScoped
public class Mailers {

    private final Map<ProviderKind, Mailer> byKind = new EnumMap<>(ProviderKind.class);

    public Mailers(@Any Instance<Mailer> mailers) {
        for (Mailer mailer : mailers) {
            if (byKind.put(mailer.kind(), mailer) != null) {
                throw new IllegalStateException("two mailers for " + mailer.kind());
            }
        }
        for (ProviderKind kind : ProviderKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("no mailer for " + kind);
            }
        }
    }

    public Mailer forKind(ProviderKind kind) {
        return byKind.get(kind);
    }
}
