package io.herald.core.delivery;

import io.herald.core.store.Keys;

/**
 * Where a message record is stored. A campaign message sits in its contact's partition, one per campaign: the
 * key itself is the (campaign, recipient) claim. A test send sits in the campaign's test partition, one per
 * (request, variant, address).
 */
public record MessageKey(String pk, String sk) {

    public static MessageKey campaign(String tenantId, String contactId, String campaignId) {
        return new MessageKey(Keys.contact(tenantId, contactId), Keys.messageSk(campaignId));
    }

    public static MessageKey test(String tenantId, String campaignId, String requestId, String variant, String address) {
        return new MessageKey(Keys.testSends(tenantId, campaignId), Keys.messageSk(requestId + "#" + variant + "#" + address));
    }
}
