package io.herald.core.content.prompt;

import io.herald.core.content.Channel;
import io.herald.core.content.PromptRef;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** Named prompt templates, each change an immutable new version. */
@ApplicationScoped
public class PromptService {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9\\-_.]{0,63}");
    static final int MAX_PART = 20_000;
    static final int MAX_BRAND_VOICE = 2_000;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_FIELDS = 50;
    /** Concurrent creators race for the next version number; each loser retries with the number after. */
    private static final int MAX_VERSION_ATTEMPTS = 20;

    private final Store store;
    private final Clock clock;

    public PromptService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A stored prompt version and whether this call stored it.
     *
     * @param created false when the latest version already had the draft's hash (a retried create), which is returned instead
     */
    public record Saved(Prompt prompt, boolean created) {
    }

    /**
     * Stores the draft as the next version of its name (1 for a new name), unless the latest version already has
     * the same hash: a create retried after a timeout then returns that version instead of adding an identical one.
     */
    public Saved create(String tenantId, PromptDraft draft) {
        validate(draft);
        List<String> fields = draft.profileFields() == null ? List.of() : List.copyOf(draft.profileFields());
        String hash = PromptText.hash(draft.system(), draft.user(), draft.brandVoice(), fields);
        for (int attempt = 0; attempt < MAX_VERSION_ATTEMPTS; attempt++) {
            java.util.Optional<Prompt> latest = latest(tenantId, draft.name());
            if (latest.isPresent() && hash.equals(latest.get().hash())) {
                return new Saved(latest.get(), false);
            }
            int version = latest.map(Prompt::version).orElse(0) + 1;
            Prompt prompt = new Prompt(draft.name(), version, draft.system(), draft.user(), blankToNull(draft.brandVoice()),
                    fields, blankToNull(draft.description()), hash, clock.instant());
            if (store.putIfAbsent(Item.of(Keys.prompts(tenantId), Keys.promptVersionSk(draft.name(), version), prompt))) {
                return new Saved(prompt, true);
            }
        }
        throw HeraldException.conflict("prompt '" + draft.name() + "' is being changed by many requests at once; try again");
    }

    /** One page of a prompt's versions, oldest first, and the latest version number. */
    public Versions versions(String tenantId, String name, String cursor, int limit) {
        Prompt latest = get(tenantId, name, null);
        Page<Prompt> page = store.page(Keys.prompts(tenantId), KeyRange.prefix(Keys.promptPrefix(name)), Prompt.class, cursor, limit, false);
        return new Versions(latest.version(), page);
    }

    /** A page of versions, with the number of the newest. */
    public record Versions(int latest, Page<Prompt> page) {
    }

    /** One version, or the latest when {@code version} is null. */
    public Prompt get(String tenantId, String name, Integer version) {
        requireName(name);
        if (version == null) {
            return latest(tenantId, name).orElseThrow(() -> HeraldException.notFound("prompt", name));
        }
        if (version < 1) {
            throw HeraldException.invalid("version: must be 1 or more");
        }
        return store.get(Keys.prompts(tenantId), Keys.promptVersionSk(name, version), Prompt.class)
                .orElseThrow(() -> HeraldException.notFound("prompt version", name + " v" + version));
    }

    /** The prompt a generation uses: the one named, or the channel's built-in prompt. */
    public Prompt resolve(String tenantId, PromptRef ref, Channel channel) {
        if (ref == null || ref.name() == null) {
            return DefaultPrompts.forChannel(channel);
        }
        return get(tenantId, ref.name(), ref.version());
    }

    private java.util.Optional<Prompt> latest(String tenantId, String name) {
        return store.query(Keys.prompts(tenantId), Keys.promptPrefix(name), Prompt.class, 1, true).stream().findFirst();
    }

    private static void validate(PromptDraft draft) {
        if (draft == null) {
            throw HeraldException.invalid("a prompt must be a JSON object");
        }
        requireName(draft.name());
        if (draft.name().startsWith(DefaultPrompts.PREFIX)) {
            throw HeraldException.invalid("name: the prefix '" + DefaultPrompts.PREFIX + "' is reserved for Herald's built-in prompts");
        }
        requirePart("system", draft.system());
        requirePart("user", draft.user());
        PromptText.requireKnownPlaceholders("system", draft.system());
        PromptText.requireKnownPlaceholders("user", draft.user());
        if (draft.brandVoice() != null && draft.brandVoice().length() > MAX_BRAND_VOICE) {
            throw HeraldException.invalid("brandVoice: at most " + MAX_BRAND_VOICE + " characters");
        }
        if (draft.brandVoice() != null) {
            PromptText.requireKnownPlaceholders("brandVoice", draft.brandVoice());
        }
        if (draft.description() != null && draft.description().length() > MAX_DESCRIPTION) {
            throw HeraldException.invalid("description: at most " + MAX_DESCRIPTION + " characters");
        }
        List<String> fields = draft.profileFields() == null ? List.of() : draft.profileFields();
        if (fields.size() > MAX_FIELDS) {
            throw HeraldException.invalid("profileFields: at most " + MAX_FIELDS + " fields");
        }
        for (String field : fields) {
            if (!ProfileFields.isValidPromptField(field)) {
                throw HeraldException.invalid("profileFields: '" + field + "' is not a contact field; use id, email, locale, "
                        + "timezone, consent, attributes.<name>, attributes.* or events");
            }
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw HeraldException.invalid("name: '" + name + "' must be 1 to 64 characters: a lower-case letter or digit, "
                    + "then lower-case letters, digits, '-', '_' or '.'");
        }
    }

    private static void requirePart(String part, String text) {
        if (text == null || text.isBlank()) {
            throw HeraldException.invalid(part + ": required");
        }
        if (text.length() > MAX_PART) {
            throw HeraldException.invalid(part + ": " + text.length() + " characters, more than the limit of " + MAX_PART);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
