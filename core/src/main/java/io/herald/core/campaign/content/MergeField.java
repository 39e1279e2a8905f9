package io.herald.core.campaign.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A merge field a campaign declares: written {@code {{firstName}}} in its content and filled per recipient at send
 * time from the contact attribute of the same name.
 *
 * @param name one of {@link MergeFields#ALLOWED}
 * @param defaultValue what a recipient without the attribute sees (may be empty, never template syntax)
 */
@RegisterForReflection
public record MergeField(String name, String defaultValue) {
}
