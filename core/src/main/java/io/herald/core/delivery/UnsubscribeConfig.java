package io.herald.core.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** One-click unsubscribe links (RFC 8058): where they point and the key that signs them. */
@ConfigMapping(prefix = "herald.unsubscribe")
public interface UnsubscribeConfig {

    /** Public base URL of the api, which serves {@code /u/<token>} (HERALD_UNSUBSCRIBE_BASE_URL); https in production. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** Base64 of 32 random bytes that sign the links (HERALD_UNSUBSCRIBE_SIGNING_KEY): for local runs and tests; wins over the parameter. */
    Optional<String> signingKey();

    /** Name of the SSM SecureString parameter holding that base64 key in AWS (HERALD_UNSUBSCRIBE_SIGNING_KEY_PARAMETER). */
    Optional<String> signingKeyParameter();

    /** A mailbox that handles unsubscribe requests by email, added to {@code List-Unsubscribe} as a mailto: URI; none by default. */
    Optional<String> mailto();
}
