package io.herald.core.content.prompt;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * A new version of a named prompt, as a tenant submits it.
 *
 * @param name lower-case name: a letter or digit, then up to 63 letters, digits, '-', '_' or '.'
 * @param system the system part: the model's role and rules
 * @param user the user part: the task; placeholders such as {@code {{goal}}} are filled in by Herald
 * @param brandVoice how the brand speaks, added to the system part
 * @param profileFields the contact fields this prompt may show the model ({@code locale}, {@code attributes.firstName},
 *                      {@code attributes.*} for every attribute the tenant allows, {@code events} for recent events)
 * @param description what the prompt is for
 */
@RegisterForReflection
public record PromptDraft(String name, String system, String user, String brandVoice, List<String> profileFields,
        String description) {
}
