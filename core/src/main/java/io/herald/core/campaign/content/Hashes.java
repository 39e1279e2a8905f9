package io.herald.core.campaign.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, for keys that must be short, stable and safe whatever text they stand for. */
final class Hashes {

    private Hashes() {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Length-prefixed parts, so that no two different lists of parts read the same. */
    static String sha256(Iterable<String> parts) {
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            String value = part == null ? "\u0000null" : part;
            canonical.append(value.length()).append(':').append(value).append('\n');
        }
        return sha256(canonical.toString());
    }
}
