package io.herald.core.tenant;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The domain of a from address, as a provider sees it, and whether it falls under a configured sender domain. */
final class SenderAddresses {

    /** {@code local@domain}, alone or in angle brackets after a display name: one address, nothing around it. */
    private static final Pattern FROM = Pattern.compile("[^<>]*<([^<>\\s]+)>|([^<>\\s]+)");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;]+@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})");

    private SenderAddresses() {
    }

    static Optional<String> domainOf(String from) {
        if (from == null) {
            return Optional.empty();
        }
        Matcher outer = FROM.matcher(from.strip());
        if (!outer.matches()) {
            return Optional.empty();
        }
        String address = (outer.group(1) != null ? outer.group(1) : outer.group(2)).toLowerCase(Locale.ROOT);
        Matcher inner = ADDRESS.matcher(address);
        return inner.matches() ? Optional.of(inner.group(1)) : Optional.empty();
    }

    static boolean within(String domain, String allowed) {
        String base = allowed.toLowerCase(Locale.ROOT);
        return domain.equals(base) || domain.endsWith("." + base);
    }
}
