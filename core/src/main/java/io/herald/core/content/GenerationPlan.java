package io.herald.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.ContactEvent;
import io.herald.core.content.generation.Composition;
import io.herald.core.content.generation.GenerationContext;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.content.prompt.PromptAssembler;
import io.herald.core.content.prompt.PromptMessages;
import io.herald.core.content.prompt.ProfileFields;
import io.herald.core.tenant.TenantSettings;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One generation once its reads are done: how its prompt, checks and audit record are built. Shared by the
 * content service (one contact or inline profile) and by campaign content (one content group, or one recipient
 * in per-recipient mode), so that both assemble prompts, check and record content the same way.
 *
 * @param channel the channel
 * @param network the social network (social only)
 * @param brief the validated brief, its language the output language
 * @param variants how many variants to ask for
 * @param prompt the resolved prompt version
 * @param parameters what the caller asked for (may be null)
 * @param settings the tenant's settings (model fields, link domains, banned phrases)
 * @param brand the brand name
 * @param mergeFields merge fields the content may carry (campaign content), or empty for final text
 * @param seed the seed sent to the model
 * @param smsMaxSegments the SMS segment limit
 */
public record GenerationPlan(Channel channel, SocialNetwork network, Brief brief, int variants, Prompt prompt,
        ModelParameters parameters, TenantSettings settings, String brand, List<String> mergeFields, int seed,
        int smsMaxSegments) {

    /** The contact fields that may reach the model: allowed by both the tenant and the prompt. */
    public Set<String> allowedFields() {
        return ProfileFields.allowed(settings.modelFields(), prompt.profileFields());
    }

    /** The recipient's data reduced to the allowed fields. */
    public ObjectNode minimize(ObjectNode profile) {
        return ProfileFields.minimize(profile, allowedFields());
    }

    /** Type and time of the latest events, only when both the tenant and the prompt allow {@code events}. */
    public ArrayNode recentEvents(List<ContactEvent> latest, ObjectMapper json) {
        ArrayNode out = json.createArrayNode();
        if (!allowedFields().contains(ProfileFields.EVENTS)) {
            return out;
        }
        for (ContactEvent event : latest) {
            ObjectNode item = out.addObject().put("type", event.type());
            if (event.time() != null) {
                item.put("time", event.time().toString());
            }
        }
        return out;
    }

    public ContentChecks.Rules rules() {
        return new ContentChecks.Rules(channel, network, brief.ctaUrl(), settings.linkDomains(), settings.bannedPhrases(),
                smsMaxSegments, Set.copyOf(mergeFields));
    }

    /**
     * The composer's input.
     *
     * @param profile the recipient (or group) data, already minimized to {@link #allowedFields()}
     * @param events recent events, empty when not allowed
     * @param attributes attributes for the template composer's greeting (never sent anywhere), or null
     */
    public GenerationContext context(ObjectNode profile, ArrayNode events, JsonNode attributes, ObjectMapper json) {
        PromptMessages messages = PromptAssembler.assemble(new PromptAssembler.Input(prompt, brief, channel, network, variants,
                brand, settings.linkDomains(), settings.bannedPhrases(), smsMaxSegments, profile, events, mergeFields), json);
        return new GenerationContext(channel, brief, variants, messages, parameters, seed, rules(), brand, attributes);
    }

    /** The stored record of what was composed, with its audit trail. */
    public GeneratedContent content(String id, String contactId, Composition composition, long latencyMs, Instant now) {
        ModelParameters sent = composition.model() == null ? null : new ModelParameters(composition.model(),
                parameters == null ? null : parameters.temperature(), parameters == null ? null : parameters.maxTokens(), seed);
        return new GeneratedContent(id, contactId, channel, network, brief, composition.variants(),
                composition.variants().stream().allMatch(Variant::passed), composition.source(), composition.fallbackReason(),
                composition.model(), new PromptUsed(prompt.name(), prompt.version(), prompt.hash()), sent,
                composition.model() == null ? null : seed, composition.usage(), composition.finishReason(), latencyMs,
                composition.repair(), now);
    }
}
