package io.herald.core.contact;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on what a tenant may store about a contact. */
@ConfigMapping(prefix = "herald.contacts")
public interface ContactsConfig {

    /** Largest contact {@code attributes} object, in bytes of its JSON. */
    @WithDefault("16384")
    int maxAttributesBytes();

    /** Largest event {@code properties} object, in bytes of its JSON. */
    @WithDefault("8192")
    int maxEventPropertiesBytes();

    /** Most contacts or events in one batch request. */
    @WithDefault("1000")
    int maxBatch();

    /** How long events are kept before DynamoDB's TTL removes them. */
    @WithDefault("P400D")
    Duration eventRetention();
}
