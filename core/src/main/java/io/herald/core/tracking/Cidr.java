package io.herald.core.tracking;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range such as {@code 17.0.0.0/8}. Addresses are parsed as literals only: a string that is
 * not one never reaches DNS, so classifying a request can never make a lookup.
 */
public record Cidr(byte[] network, int prefix, String text) {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public static Cidr parse(String range) {
        String[] parts = range.strip().split("/", -1);
        Optional<byte[]> address = parts.length == 2 ? literal(parts[0]) : Optional.empty();
        int prefix;
        try {
            prefix = address.isEmpty() ? -1 : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (address.isEmpty() || prefix < 0 || prefix > address.get().length * 8) {
            throw new IllegalArgumentException("herald.tracking.apple-proxy-cidrs: '" + range + "' is not a CIDR range such as 17.0.0.0/8");
        }
        return new Cidr(address.get(), prefix, range.strip());
    }

    /** Whether the address (a literal; anything else is not in any range) lies in this range. */
    public boolean contains(String ip) {
        Optional<byte[]> address = ip == null ? Optional.empty() : literal(ip.strip());
        if (address.isEmpty() || address.get().length != network.length) {
            return false;
        }
        byte[] bytes = address.get();
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or empty; never a DNS lookup. */
    static Optional<byte[]> literal(String text) {
        if (V4.matcher(text).matches()) {
            String[] octets = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (text.contains(":") && V6.matcher(text).matches()) {
            try {
                // a string with ':' is never a host name, so this parses and never resolves
                byte[] bytes = InetAddress.getByName(text).getAddress();
                return Optional.of(bytes);
            } catch (UnknownHostException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
