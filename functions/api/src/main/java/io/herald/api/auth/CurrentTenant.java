package io.herald.api.auth;

import io.herald.core.errors.HeraldException;
import jakarta.enterprise.context.RequestScoped;

/** The tenant the request's API key belongs to, set by {@link ApiKeyFilter} before any resource runs. */
@RequestScoped
public class CurrentTenant {

    private String id;

    public String id() {
        if (id == null) {
            throw HeraldException.unauthorized("an API key is required");
        }
        return id;
    }

    void set(String tenantId) {
        this.id = tenantId;
    }
}
