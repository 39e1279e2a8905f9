package io.herald.core.content.prompt;

/** The two messages sent to the model: the rules (system) and the task with the recipient data (user). */
public record PromptMessages(String system, String user) {
}
