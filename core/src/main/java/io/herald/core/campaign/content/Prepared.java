package io.herald.core.campaign.content;

import java.time.Duration;

/**
 * What the worker can do with one content group and variant now.
 *
 * @param status READY (send {@code content}), HELD (the campaign forbids the template and the model could not write
 *               it: send nothing), RETRY_LATER (rate limit or outage: put the message back with {@code retryAfter})
 * @param content the content, when READY
 * @param reason why it is held or must wait, in words an operator can act on
 * @param retryAfter the delay before the next attempt, when RETRY_LATER
 */
public record Prepared(Status status, CampaignContent content, String reason, Duration retryAfter) {

    /** The three outcomes. */
    public enum Status {
        READY, HELD, RETRY_LATER
    }

    public static Prepared ready(CampaignContent content) {
        return new Prepared(Status.READY, content, null, null);
    }

    public static Prepared held(String reason) {
        return new Prepared(Status.HELD, null, reason, null);
    }

    public static Prepared retryLater(Duration delay, String reason) {
        return new Prepared(Status.RETRY_LATER, null, reason, delay);
    }
}
