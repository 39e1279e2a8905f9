package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A social network and the longest post it takes: Unicode code points, except on X, which counts weighted characters
 * (X's own count: CJK and an emoji sequence 2, each URL 23; see {@link io.herald.core.content.guardrails.PostLength}).
 */
@RegisterForReflection
public enum SocialNetwork {
    x(280), linkedin(3000), instagram(2200), facebook(63206);

    private final int maxCodePoints;

    SocialNetwork(int maxCodePoints) {
        this.maxCodePoints = maxCodePoints;
    }

    public int maxCodePoints() {
        return maxCodePoints;
    }
}
