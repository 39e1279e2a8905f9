package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * Who the campaign's email comes from.
 *
 * @param from the sender address, optionally with a display name ({@code "Acme <news@mail.acme.example>"}); its
 *             domain must be one of the tenant's sender domains
 * @param replyTo where replies go, or null for the sender address
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sender(String from, String replyTo) {

    /** The bare address of {@code from}: what is inside the angle brackets when there is a display name. */
    public String address() {
        return addressOf(from);
    }

    /** The lower-case domain of the sender address. */
    public String domain() {
        String address = address();
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    static String addressOf(String value) {
        String trimmed = value.strip();
        int open = trimmed.lastIndexOf('<');
        return open >= 0 && trimmed.endsWith(">") ? trimmed.substring(open + 1, trimmed.length() - 1).strip() : trimmed;
    }
}
