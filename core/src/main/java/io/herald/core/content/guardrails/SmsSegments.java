package io.herald.core.content.guardrails;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How many SMS segments a text needs. A text made only of GSM 03.38 characters travels as GSM-7: 160 septets
 * in one segment, 153 per part once concatenated (the user data header takes the rest), and the extension
 * table characters ({@code ^ { } \ [ ~ ] | €} and form feed) take two septets each. Any other character forces
 * UCS-2 for the whole message: 70 UTF-16 code units in one segment, 67 per part, so an emoji (a surrogate
 * pair) counts two. An escape pair or a surrogate pair is never split across two parts, as handsets do not.
 */
public final class SmsSegments {

    /** The GSM 03.38 default alphabet, without the escape character itself. */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static final int GSM_SINGLE = 160;
    public static final int GSM_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    private SmsSegments() {
    }

    /**
     * The encoding an SMS needs and its size.
     *
     * @param encoding {@code GSM-7} or {@code UCS-2}
     * @param units septets for GSM-7, UTF-16 code units for UCS-2
     * @param segments how many SMS parts the text is sent as (0 for an empty text)
     */
    @RegisterForReflection
    public record SmsCount(String encoding, int units, int segments) {
    }

    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static SmsCount count(String text) {
        boolean gsm = isGsm7(text);
        int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
        int part = gsm ? GSM_PART : UCS2_PART;
        int total = 0;
        int segments = text.isEmpty() ? 0 : 1;
        int inSegment = 0;
        int i = 0;
        while (i < text.length()) {
            int width = width(text, i, gsm);
            total += width;
            if (inSegment + width > part) {
                segments++;
                inSegment = 0;
            }
            inSegment += width;
            i += gsm ? 1 : Character.charCount(text.codePointAt(i));
        }
        if (total <= single) {
            segments = text.isEmpty() ? 0 : 1;
        }
        return new SmsCount(gsm ? "GSM-7" : "UCS-2", total, segments);
    }

    private static int width(String text, int i, boolean gsm) {
        if (gsm) {
            return GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return Character.charCount(text.codePointAt(i));
    }
}
