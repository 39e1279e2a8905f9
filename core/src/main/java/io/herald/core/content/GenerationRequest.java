package io.herald.core.content;

/**
 * A request for content: for a stored contact ({@code contactId}) or an inline {@code profile}.
 *
 * @param contactId a stored contact, or null when {@code profile} is given
 * @param profile an inline recipient, or null when {@code contactId} is given
 * @param channel email, sms, social or web
 * @param network the social network (social only)
 * @param brief what the content is for
 * @param variants how many alternatives, 1 to 5 (default 1)
 * @param prompt the prompt template, or null for the channel's built-in prompt
 * @param parameters model settings, or null for the defaults
 */
public record GenerationRequest(String contactId, Profile profile, Channel channel, SocialNetwork network, Brief brief,
        Integer variants, PromptRef prompt, ModelParameters parameters) {
}
