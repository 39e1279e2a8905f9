package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the content is for.
 *
 * @param goal what the message should achieve, such as "win back customers who have not ordered in 90 days"
 * @param product the product or offer
 * @param ctaUrl where the call to action points; the only link besides the tenant's allowed domains
 * @param tone the voice, such as "warm" or "playful"
 * @param language the BCP 47 language of the output, such as {@code en} or {@code zh-CN} (default {@code en})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Brief(String goal, String product, String ctaUrl, String tone, String language) {
}
