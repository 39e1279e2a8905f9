package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;

import java.util.Set;
import java.util.regex.Pattern;

/** Checks settings before they are stored, so a typo cannot silently widen what the model sees. */
final class TenantSettingsValidator {

    private static final Set<String> PROFILE_FIELDS = Set.of("id", "email", "locale", "timezone", "consent");
    private static final Pattern ATTRIBUTE_FIELD = Pattern.compile("attributes\\.[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private TenantSettingsValidator() {
    }

    static void validate(TenantSettings settings) {
        if (settings == null) {
            throw HeraldException.invalid("settings are required");
        }
        for (String field : settings.modelFields()) {
            if (!PROFILE_FIELDS.contains(field) && !ATTRIBUTE_FIELD.matcher(field).matches()) {
                throw HeraldException.invalid("modelFields: '" + field + "' is not a contact field; use one of "
                        + PROFILE_FIELDS + " or attributes.<name>");
            }
        }
        for (String domain : settings.linkDomains()) {
            if (!HOST.matcher(domain).matches()) {
                throw HeraldException.invalid("linkDomains: '" + domain + "' is not a host name such as shop.example.com");
            }
        }
        for (String phrase : settings.bannedPhrases()) {
            if (phrase.isBlank() || phrase.length() > 200) {
                throw HeraldException.invalid("bannedPhrases: each phrase holds 1 to 200 characters");
            }
        }
        if (settings.brandName() != null && settings.brandName().length() > 200) {
            throw HeraldException.invalid("brandName holds at most 200 characters");
        }
    }
}
