package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Generated content with its audit record, as stored and as returned.
 *
 * @param id the content id
 * @param contactId the contact it was generated for, if any
 * @param channel email, sms, social or web
 * @param network the social network (social only)
 * @param brief the brief it was generated from
 * @param variants the checked variants
 * @param checksPassed whether every check of every variant passed; false only when the template composer's own
 *                     content fails a check (e.g. a banned phrase in the brief's product name), which needs review
 * @param source {@code llm} or {@code template}
 * @param fallbackReason why the template composer wrote it, when it did
 * @param model the model that answered (or was asked), null when none was called
 * @param prompt the prompt template name, version and hash
 * @param parameters the model parameters sent (model, temperature, maxTokens, seed)
 * @param seed the seed sent to the model (chosen by Herald when the request had none)
 * @param usage tokens used by every call of this generation
 * @param finishReason the model's last finish reason ({@code stop}, {@code length}, {@code content_filter}, ...)
 * @param latencyMs time spent generating, model calls included
 * @param repair whether a repair attempt was made and whether it succeeded
 * @param createdAt when it was generated
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratedContent(String id, String contactId, Channel channel, SocialNetwork network, Brief brief,
        List<Variant> variants, boolean checksPassed, Source source, String fallbackReason, String model, PromptUsed prompt,
        ModelParameters parameters, Integer seed, TokenUsage usage, String finishReason, long latencyMs,
        Repair repair, Instant createdAt) {
}
