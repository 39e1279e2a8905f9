package io.herald.core.campaign.sending;

import java.util.List;
import java.util.Optional;

/** What the footer and the link check need to know about the tenant (its settings). */
public interface SenderProfile {

    /** The tenant's postal address, which every campaign footer shows (CAN-SPAM); empty when not set (then nothing is sent). */
    Optional<String> postalAddress(String tenantId);

    /** The sender's name in the footer. */
    String brand(String tenantId);

    /** The hosts links may point to. */
    List<String> linkDomains(String tenantId);
}
