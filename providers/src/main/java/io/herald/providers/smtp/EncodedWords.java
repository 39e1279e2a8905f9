package io.herald.providers.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 2047 encoded words for a header that is not plain ASCII. Vert.x mail's own header encoding turns every
 * character outside the Basic Multilingual Plane into "??" (an emoji subject arrived as "Sale ??" in MailDev), so
 * Herald encodes such headers itself: base64 of UTF-8, at most 75 characters per word, never splitting a code point.
 */
final class EncodedWords {

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    /** 75 characters per encoded word (RFC 2047 §2) leave 63 for base64, which is 45 bytes of UTF-8. */
    private static final int MAX_BYTES = 45;

    private EncodedWords() {
    }

    static String encode(String text) {
        if (text == null || text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        if (!chunk.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return String.join(" ", words);
    }

    private static String word(String chunk) {
        return PREFIX + Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }
}
