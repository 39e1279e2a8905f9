package io.herald.core.content.guardrails;

import io.herald.core.content.SocialNetwork;

import java.text.Normalizer;
import java.util.List;

/**
 * The length of a social post as its network counts it. X (twitter-text v3) weighs characters: code points in
 * U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1, every other code point (CJK, emoji)
 * weighs 2, and every URL weighs 23 whatever its length, on the NFC-normalized text. The other networks count
 * code points.
 */
public final class PostLength {

    /** What X charges for a URL, since it shortens every link to t.co. */
    public static final int X_URL_WEIGHT = 23;

    private PostLength() {
    }

    public static int of(SocialNetwork network, String text) {
        if (text == null) {
            return 0;
        }
        return network == SocialNetwork.x ? xWeighted(text) : ContentChecks.codePoints(text);
    }

    static int xWeighted(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        List<int[]> urls = Links.spans(text);
        int weight = 0;
        int url = 0;
        for (int i = 0; i < text.length(); ) {
            if (url < urls.size() && i == urls.get(url)[0]) {
                weight += X_URL_WEIGHT;
                i = urls.get(url)[1];
                url++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            weight += weighsOne(codePoint) ? 1 : 2;
            i += Character.charCount(codePoint);
        }
        return weight;
    }

    private static boolean weighsOne(int cp) {
        return cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x201F) || (cp >= 0x2032 && cp <= 0x2037);
    }
}
