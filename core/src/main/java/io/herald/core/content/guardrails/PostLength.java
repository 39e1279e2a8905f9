package io.herald.core.content.guardrails;

import com.twitter.twittertext.TwitterTextParser;
import io.herald.core.content.SocialNetwork;

/**
 * The length of a social post as its network counts it. X's weighted length comes from X's own library
 * (twitter-text, its v3 configuration): an emoji sequence (a flag, a skin tone, a ZWJ family, VS16) weighs 2, CJK
 * weighs 2 a character, every URL 23, on the NFC-normalized text. The other networks count code points.
 */
public final class PostLength {

    private PostLength() {
    }

    public static int of(SocialNetwork network, String text) {
        if (text == null) {
            return 0;
        }
        return network == SocialNetwork.x ? TwitterTextParser.parseTweet(text).weightedLength : ContentChecks.codePoints(text);
    }
}
