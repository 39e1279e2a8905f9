package io.herald.core.content.prompt;

import io.herald.core.content.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt each channel uses when a request names none, read from {@code herald/prompts/} once. Built-in
 * names start with {@code builtin.}, a prefix tenants cannot use.
 */
public final class DefaultPrompts {

    public static final String PREFIX = "builtin.";
    static final List<String> FIELDS = List.of("locale", "timezone", ProfileFields.ALL_ATTRIBUTES, ProfileFields.EVENTS);
    private static final Map<Channel, Prompt> PROMPTS = load();

    private DefaultPrompts() {
    }

    public static Prompt forChannel(Channel channel) {
        return PROMPTS.get(channel);
    }

    private static Map<Channel, Prompt> load() {
        String system = resource("herald/prompts/system.txt");
        Map<Channel, Prompt> prompts = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            String user = resource("herald/prompts/" + channel + ".txt");
            prompts.put(channel, new Prompt(PREFIX + channel, 1, system, user, null, FIELDS,
                    "Herald's built-in " + channel + " prompt", PromptText.hash(system, user, null, FIELDS), Instant.EPOCH));
        }
        return prompts;
    }

    static String resource(String path) {
        try (InputStream in = DefaultPrompts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
