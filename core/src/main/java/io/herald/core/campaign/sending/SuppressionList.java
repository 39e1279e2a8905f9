package io.herald.core.campaign.sending;

/** The seam to the tenant's suppression list (compliance's {@code Suppressions}). */
public interface SuppressionList {

    /** Whether nothing may be sent to this address: unsubscribed, bounced, complained or suppressed by hand. */
    boolean isSuppressed(String tenantId, String email);
}
