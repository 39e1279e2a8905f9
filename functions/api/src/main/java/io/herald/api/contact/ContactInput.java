package io.herald.api.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Consent;
import io.herald.core.contact.ContactDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** A contact as a caller sends it. */
@RegisterForReflection
@Schema(name = "ContactInput", description = "A contact to create or update. Absent fields keep their stored value; an attribute set to null is removed.")
public record ContactInput(
        @Schema(required = true, maxLength = 128, description = "Your own identifier for the person", examples = "cust-1001") String id,
        @Schema(format = "email", examples = "li.wei@example.com") String email,
        @Schema(description = "Free-form profile data, a JSON object of at most 16 KiB", examples = "{\"firstName\":\"Wei\",\"plan\":\"pro\"}") ObjectNode attributes,
        @Schema(description = "IANA time zone", examples = "Asia/Shanghai") String timezone,
        @Schema(description = "BCP 47 language tag", examples = "zh-CN") String locale,
        @Schema(description = "Consent per channel: email, sms, social, web, push") Map<String, Consent> consent) {

    public ContactDraft toDraft() {
        return new ContactDraft(id, email, attributes, timezone, locale, consent);
    }
}
