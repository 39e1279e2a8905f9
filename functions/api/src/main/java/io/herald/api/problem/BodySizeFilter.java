package io.herald.api.problem;

import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses oversize bodies with a problem before anything is parsed. Lambda's own limit is 6 MB, so the
 * default stays below it and a caller learns the real limit instead of a gateway error.
 */
public class BodySizeFilter {

    private final ApiConfig config;

    public BodySizeFilter(ApiConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public void limit(ContainerRequestContext request) {
        int length = request.getLength();
        if (length > config.maxBodyBytes()) {
            throw new HeraldException(HeraldException.Kind.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the body has " + length + " bytes; the limit is " + config.maxBodyBytes());
        }
    }
}
