package io.herald.core.campaign.sending;

import io.herald.core.tenant.TrackingSettings;

import java.util.List;

/** What the footer, the link check and the tracking need to know about the tenant (its settings), read once per message. */
public interface SenderProfile {

    Profile of(String tenantId);

    /**
     * @param postalAddress the tenant's postal address, which every campaign footer shows (CAN-SPAM); null when not
     *                      set (then nothing is sent)
     * @param brand the sender's name in the footer
     * @param linkDomains the hosts links may point to
     * @param tracking which first-party tracking the tenant's email carries
     */
    record Profile(String postalAddress, String brand, List<String> linkDomains, TrackingSettings tracking) {

        public Profile {
            tracking = tracking == null ? TrackingSettings.defaults() : tracking;
        }

        /** A profile with tracking at its defaults (both on). */
        public Profile(String postalAddress, String brand, List<String> linkDomains) {
            this(postalAddress, brand, linkDomains, null);
        }
    }
}
