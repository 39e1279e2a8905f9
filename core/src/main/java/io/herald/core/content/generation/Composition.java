package io.herald.core.content.generation;

import io.herald.core.content.Repair;
import io.herald.core.content.Source;
import io.herald.core.content.TokenUsage;
import io.herald.core.content.Variant;

import java.util.List;

/**
 * The variants of one generation and how they came to be.
 *
 * @param variants the checked variants
 * @param source who wrote them
 * @param fallbackReason why the template composer wrote them (null when the model did)
 * @param model the model that answered, null when none was called
 * @param usage tokens of every model call
 * @param finishReason the last model answer's finish reason
 * @param repair the repair attempt, if any
 */
public record Composition(List<Variant> variants, Source source, String fallbackReason, String model, TokenUsage usage,
        String finishReason, Repair repair) {
}
