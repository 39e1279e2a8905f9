package io.herald.api.delivery;

import io.herald.core.delivery.Unsubscribed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the unsubscribe events the application fires, as a campaign counter would receive them. */
@ApplicationScoped
public class UnsubscribedRecorder {

    private final List<Unsubscribed> seen = new CopyOnWriteArrayList<>();

    void on(@Observes Unsubscribed event) {
        seen.add(event);
    }

    public List<Unsubscribed> of(String tenantId) {
        return seen.stream().filter(event -> event.tenantId().equals(tenantId)).toList();
    }
}
