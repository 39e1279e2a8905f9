package io.herald.core.delivery;

/** Why an address may no longer be emailed. */
public enum SuppressionReason {
    /** The person unsubscribed (one-click link, preference centre, or the tenant on their behalf). */
    unsubscribe,
    /** The address does not exist: a provider reported a permanent bounce. */
    hard_bounce,
    /** The person marked a message as spam. */
    complaint,
    /** The tenant added it by hand. */
    manual
}
