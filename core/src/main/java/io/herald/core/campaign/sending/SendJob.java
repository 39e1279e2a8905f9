package io.herald.core.campaign.sending;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of a send-queue message: one recipient of one campaign, or one test copy.
 *
 * @param tenantId the tenant
 * @param campaignId the campaign
 * @param contactId the recipient, for a campaign send
 * @param test the test copy, for {@code POST /v1/campaigns/{id}/test}; null for a campaign send
 * @param waits how many times the job was put back because its content was not ready yet
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendJob(String tenantId, String campaignId, String contactId, TestCopy test, Integer waits) {

    public static SendJob recipient(String tenantId, String campaignId, String contactId) {
        return new SendJob(tenantId, campaignId, contactId, null, null);
    }

    public int waitsSoFar() {
        return waits == null ? 0 : waits;
    }

    SendJob waitedOnceMore() {
        return new SendJob(tenantId, campaignId, contactId, test, waitsSoFar() + 1);
    }

    boolean isValid() {
        return tenantId != null && !tenantId.isBlank() && campaignId != null && !campaignId.isBlank()
                && (test != null ? test.isValid() : contactId != null && !contactId.isBlank());
    }

    /**
     * One rendered copy of one variant to one address, marked as a test and counted in no campaign counter.
     *
     * @param requestId the test request, so that replaying it sends once
     * @param to the address
     * @param variantId the campaign variant
     */
    @RegisterForReflection
    public record TestCopy(String requestId, String to, String variantId) {
        boolean isValid() {
            return requestId != null && to != null && variantId != null;
        }
    }
}
