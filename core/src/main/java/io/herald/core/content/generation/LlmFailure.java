package io.herald.core.content.generation;

import io.herald.core.content.Repair;
import io.herald.core.content.TokenUsage;

/**
 * The model could not produce content that passes the checks; the template composer takes over. It carries
 * what was spent on the way so that the stored record stays a complete audit.
 */
public class LlmFailure extends RuntimeException {

    private final transient TokenUsage usage;
    private final String model;
    private final String finishReason;
    private final transient Repair repair;

    public LlmFailure(String reason, TokenUsage usage, String model, String finishReason, Repair repair, Throwable cause) {
        super(reason, cause, false, false);
        this.usage = usage;
        this.model = model;
        this.finishReason = finishReason;
        this.repair = repair;
    }

    public TokenUsage usage() {
        return usage;
    }

    public String model() {
        return model;
    }

    public String finishReason() {
        return finishReason;
    }

    public Repair repair() {
        return repair;
    }
}
