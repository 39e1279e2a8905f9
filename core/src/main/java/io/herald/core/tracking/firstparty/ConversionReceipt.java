package io.herald.core.tracking.firstparty;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Herald made of a reported conversion: the message it is attributed to, and by which rule.
 *
 * @param attributedBy {@code click} (the click token's message), {@code message} (the named message id),
 *                     {@code lastMessage} (the contact's most recent campaign message within the window) or {@code none}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConversionReceipt(String conversionId, boolean attributed, String messageId, String campaignId, String variant,
        String attributedBy) {

    public static final String CLICK = "click";
    public static final String MESSAGE = "message";
    public static final String LAST_MESSAGE = "lastMessage";
    public static final String NONE = "none";
}
