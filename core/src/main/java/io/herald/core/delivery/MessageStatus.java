package io.herald.core.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where one message is in the claim, act, record protocol (README, "Exactly-once intent"). Only {@code retry} may be
 * claimed again; every other state except {@code sending} is final.
 */
@RegisterForReflection
public enum MessageStatus {
    /** Claimed: a send is in flight, or its invocation died (then a redelivery finds the lease expired). */
    sending,
    /** The provider accepted it. */
    sent,
    /** The provider refused it for good, or a pre-send check stopped it. */
    failed,
    /** The provider was surely not reached (refused connection, 429, 503): a redelivery may claim it again. */
    retry,
    /** The provider may or may not have it (a timeout after the request went out, a crash): never sent again. */
    unknown,
    /** Not sent, by rule: no consent, no address, suppressed. */
    skipped;

    public boolean isFinal() {
        return this != sending && this != retry;
    }
}
