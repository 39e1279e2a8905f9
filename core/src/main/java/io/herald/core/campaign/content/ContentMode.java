package io.herald.core.campaign.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How many model calls a campaign makes. */
@RegisterForReflection
public enum ContentMode {
    /** One call per content group and variant; recipients differ only by their merge fields. */
    perVariant,
    /** One call per recipient with the profile fields the tenant allows, under a token budget; then per variant. */
    perRecipient
}
