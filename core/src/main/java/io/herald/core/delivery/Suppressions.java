package io.herald.core.delivery;

import io.herald.core.contact.ContactErasing;
import io.herald.core.contact.ProfileRules;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tenant's suppression list: addresses that are never emailed again. One item per address in one partition
 * per tenant, keyed by the SHA-256 of the normalized address, so the send step's check is a single consistent
 * GetItem and an entry survives the erasure of the person (only its clear address is dropped then).
 */
@ApplicationScoped
public class Suppressions {

    static final int MAX_SOURCE = 200;
    static final int MAX_PAGE = 1000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Store store;
    private final Clock clock;

    public Suppressions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An entry after an add, and whether the add created it (false: the address was suppressed already). */
    public record Added(Suppression suppression, boolean created) {
    }

    /** Whether the address may not be emailed; a consistent read, so an unsubscribe a moment ago counts. */
    public boolean isSuppressed(String tenantId, String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return find(tenantId, email).isPresent();
    }

    public Optional<Suppression> find(String tenantId, String emailOrHash) {
        return store.get(Keys.suppressions(tenantId), Keys.suppressionSk(keyOf(emailOrHash)), Suppression.class);
    }

    /** Suppresses the address; an address suppressed already keeps its first reason, source and time. */
    public Added add(String tenantId, String email, SuppressionReason reason, String source) {
        String normalized = normalize(ProfileRules.email(requireEmail(email)));
        if (reason == null) {
            throw HeraldException.invalid("reason: required, one of unsubscribe, hard_bounce, complaint, manual");
        }
        if (source != null && (source.isBlank() || source.length() > MAX_SOURCE || source.chars().anyMatch(Character::isISOControl))) {
            throw HeraldException.invalid("source: 1 to " + MAX_SOURCE + " characters without control characters");
        }
        String hash = sha256(normalized);
        Suppression entry = new Suppression(normalized, hash, reason, source == null ? "api" : source.strip(), clock.instant());
        if (store.putIfAbsent(Item.of(Keys.suppressions(tenantId), Keys.suppressionSk(hash), entry))) {
            return new Added(entry, true);
        }
        return find(tenantId, hash).map(existing -> new Added(existing, false)).orElseGet(() -> add(tenantId, email, reason, source));
    }

    /** Lifts the suppression of an address (or of the hash of one); answers whether there was one. */
    public boolean remove(String tenantId, String emailOrHash) {
        Optional<Suppression> existing = find(tenantId, emailOrHash);
        existing.ifPresent(entry -> store.delete(Keys.suppressions(tenantId), Keys.suppressionSk(entry.addressSha256())));
        return existing.isPresent();
    }

    /** One page of the list, in the order of the address hashes (stable under concurrent additions). */
    public Page<Suppression> list(String tenantId, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw HeraldException.invalid("limit: 1 to " + MAX_PAGE);
        }
        return store.page(Keys.suppressions(tenantId), KeyRange.prefix(Keys.suppressionSk("")), Suppression.class, cursor, limit, false);
    }

    /**
     * Called when a person's contact is erased: the entry stays (so the address is still never emailed, even if it
     * is imported again), but it no longer holds the address in clear.
     */
    public void forgetAddress(String tenantId, String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        find(tenantId, email).filter(entry -> entry.email() != null).ifPresent(entry ->
                store.put(Item.of(Keys.suppressions(tenantId), Keys.suppressionSk(entry.addressSha256()), entry.withoutAddress())));
    }

    void onErasure(@Observes ContactErasing erasing) {
        forgetAddress(erasing.tenantId(), erasing.email());
    }

    /**
     * Case-insensitive as a whole: mailbox providers treat local parts case-insensitively in practice, and erring
     * towards suppressing too much is the safe side. Nothing else is rewritten (no dot or plus-tag folding).
     */
    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public static String sha256(String normalizedEmail) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalizedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A 64-digit hex string is a hash already (an address always holds an '@'). */
    private static String keyOf(String emailOrHash) {
        String value = requireEmail(emailOrHash).strip();
        return SHA256.matcher(value).matches() ? value : sha256(normalize(value));
    }

    private static String requireEmail(String email) {
        if (email == null || email.isBlank()) {
            throw HeraldException.invalid("email: required");
        }
        return email;
    }
}
