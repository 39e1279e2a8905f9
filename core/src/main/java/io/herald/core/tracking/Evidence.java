package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the request or the provider told about who caused an open or click, for the bot classification.
 *
 * @param userAgent the User-Agent, as received or as the provider reported it
 * @param ip the client address
 * @param method the HTTP method of a first-party request ({@code HEAD} is never a person)
 * @param providerFlag a provider's own machine verdict, named as the provider names it ({@code sg_machine_open},
 *                     {@code mailgun client-info.bot=apple}), or null
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String userAgent, String ip, String method, String providerFlag) {

    public static Evidence none() {
        return new Evidence(null, null, null, null);
    }
}
