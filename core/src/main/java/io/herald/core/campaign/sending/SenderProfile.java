package io.herald.core.campaign.sending;

import java.util.List;

/** What the footer and the link check need to know about the tenant (its settings), read once per message. */
public interface SenderProfile {

    Profile of(String tenantId);

    /**
     * @param postalAddress the tenant's postal address, which every campaign footer shows (CAN-SPAM); null when not
     *                      set (then nothing is sent)
     * @param brand the sender's name in the footer
     * @param linkDomains the hosts links may point to
     */
    record Profile(String postalAddress, String brand, List<String> linkDomains) {
    }
}
