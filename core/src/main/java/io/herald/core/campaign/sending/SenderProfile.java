package io.herald.core.campaign.sending;

import java.util.List;
import java.util.Optional;

/** The seam to the tenant's sending settings (compliance): what the footer and the link check need. */
public interface SenderProfile {

    /** The tenant's postal address, which every campaign footer shows (CAN-SPAM); empty when not set. */
    Optional<String> postalAddress(String tenantId);

    /** The hosts links may point to. */
    List<String> linkDomains(String tenantId);
}
