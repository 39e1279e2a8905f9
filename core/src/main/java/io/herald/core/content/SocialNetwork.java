package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A social network and the most characters (Unicode code points) one post may hold there. */
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
