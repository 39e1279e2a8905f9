package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.campaign.content.ContentFallback;
import io.herald.core.campaign.content.ContentMode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * How the campaign's content is made; read by the content step of the worker.
 *
 * @param groupBy a contact attribute (such as {@code tier}) that splits content groups besides the language, or null
 * @param mergeFields the {@code {{name}}} placeholders the content may carry ({@code MergeFields.ALLOWED}), each with the
 *                    default used for a recipient without a value; rendered per recipient at send time
 * @param fallback what happens when the model cannot write a group's content: {@code template} uses the template
 *                 composer, {@code hold} holds the group's recipients (counted as {@code held}) until it can
 * @param mode {@code perVariant} (one generation per content group and variant) or {@code perRecipient} (one per
 *             person, under {@code tokenBudget}, then per-variant content for the rest)
 * @param tokenBudget the most model tokens (input plus output) the campaign may spend in {@code perRecipient} mode
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentOptions(String groupBy, Map<String, String> mergeFields, ContentFallback fallback, ContentMode mode, Long tokenBudget) {

    public static ContentOptions defaults() {
        return new ContentOptions(null, Map.of(), ContentFallback.template, ContentMode.perVariant, null);
    }
}
