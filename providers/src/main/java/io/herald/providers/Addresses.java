package io.herald.providers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits {@code "Acme News <news@acme.example>"} into display name and address, for APIs that want them apart. */
public final class Addresses {

    private static final Pattern NAMED = Pattern.compile("^\\s*\"?(.*?)\"?\\s*<([^<>]+)>\\s*$");

    private Addresses() {
    }

    /** @param name the display name, or null */
    public record Mailbox(String name, String email) {
    }

    public static Mailbox parse(String address) {
        Matcher named = NAMED.matcher(address);
        if (named.matches()) {
            String name = named.group(1).strip();
            return new Mailbox(name.isEmpty() ? null : name, named.group(2).strip());
        }
        return new Mailbox(null, address.strip());
    }
}
