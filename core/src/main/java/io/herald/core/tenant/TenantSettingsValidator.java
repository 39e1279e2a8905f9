package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;

import java.util.regex.Pattern;

/** Checks settings before they are stored, so a typo cannot silently widen what the model sees. */
final class TenantSettingsValidator {

    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** Each list is read on every generation; a few hundred entries are plenty and keep the item far below 400 KB. */
    static final int MAX_ENTRIES = 200;
    /** A street address with a few lines; far more than CAN-SPAM's "valid physical postal address" needs. */
    static final int MAX_POSTAL_ADDRESS = 500;

    private TenantSettingsValidator() {
    }

    private static void requireList(String name, java.util.List<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw HeraldException.invalid(name + ": " + entries.size() + " entries, more than the limit of " + MAX_ENTRIES);
        }
        if (entries.stream().anyMatch(java.util.Objects::isNull)) {
            throw HeraldException.invalid(name + ": entries must be strings, not null");
        }
    }

    static void validate(TenantSettings settings) {
        if (settings == null) {
            throw HeraldException.invalid("settings are required");
        }
        requireList("modelFields", settings.modelFields());
        requireList("linkDomains", settings.linkDomains());
        requireList("bannedPhrases", settings.bannedPhrases());
        for (String field : settings.modelFields()) {
            if (!ModelFields.isValid(field)) {
                throw HeraldException.invalid("modelFields: '" + field + "' is not a contact field; use "
                        + ModelFields.VOCABULARY);
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
        requireList("senderDomains", settings.senderDomains());
        for (String domain : settings.senderDomains()) {
            if (!HOST.matcher(domain).matches() || domain.length() > 253) {
                throw HeraldException.invalid("senderDomains: '" + domain + "' is not a domain such as news.example.com");
            }
        }
        String address = settings.postalAddress();
        if (address != null && (address.isBlank() || address.length() > MAX_POSTAL_ADDRESS
                || address.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            throw HeraldException.invalid("postalAddress: 1 to " + MAX_POSTAL_ADDRESS + " characters, lines separated by \\n, no other control characters");
        }
    }
}
