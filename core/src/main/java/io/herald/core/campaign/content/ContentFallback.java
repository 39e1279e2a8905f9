package io.herald.core.campaign.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a campaign's content becomes when the model cannot write it (not a rate limit or an outage: those wait). */
@RegisterForReflection
public enum ContentFallback {
    /** Herald's deterministic template composer writes it. */
    template,
    /** Nothing is sent for the content group; it shows as {@code held} in the campaign's progress. */
    hold
}
