package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants, their settings and their API keys. */
@ApplicationScoped
public class TenantService {

    private final Store store;
    private final Clock clock;

    public TenantService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A tenant with a first key; fails with a conflict if the id is taken. */
    public IssuedKey create(String requestedId, String name, TenantSettings settings) {
        String id = requestedId == null ? TenantIds.random() : TenantIds.requireValid(requestedId);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw HeraldException.invalid("name is required and holds at most 200 characters");
        }
        if (settings != null) {
            TenantSettingsValidator.validate(settings);
        }
        Tenant tenant = new Tenant(id, name.strip(), clock.instant());
        if (!store.putIfAbsent(Item.of(Keys.tenant(id), Keys.TENANT_SK, tenant))) {
            throw HeraldException.conflict("tenant '" + id + "' exists already");
        }
        store.put(Item.of(Keys.tenant(id), Keys.SETTINGS_SK, settings == null ? TenantSettings.defaults(tenant.name()) : settings));
        return issueKey(id, null);
    }

    public Tenant get(String tenantId) {
        TenantIds.requireValid(tenantId);
        return store.get(Keys.tenant(tenantId), Keys.TENANT_SK, Tenant.class)
                .orElseThrow(() -> HeraldException.notFound("tenant", tenantId));
    }

    public TenantSettings settings(String tenantId) {
        return store.get(Keys.tenant(tenantId), Keys.SETTINGS_SK, TenantSettings.class)
                .orElseGet(() -> TenantSettings.defaults(get(tenantId).name()));
    }

    public TenantSettings updateSettings(String tenantId, TenantSettings settings) {
        TenantSettingsValidator.validate(settings);
        store.put(Item.of(Keys.tenant(tenantId), Keys.SETTINGS_SK, settings));
        return settings;
    }

    /**
     * A new key for an existing tenant. {@code importedKey}, when given, is a key generated elsewhere in
     * Herald's format (a local stack that wants a fixed key); otherwise the key is random.
     */
    public IssuedKey issueKey(String tenantId, String importedKey) {
        get(tenantId);
        String key = importedKey == null ? ApiKeys.generate(tenantId) : importedKey;
        if (!ApiKeys.tenantOf(key).filter(tenantId::equals).isPresent()) {
            throw HeraldException.invalid("an imported key must look like hk_" + tenantId + "_ followed by 32 to 128 base64url characters");
        }
        String hash = ApiKeys.sha256(key);
        ApiKey stored = new ApiKey(ApiKeys.idOf(hash), tenantId, hash, clock.instant(), null);
        if (!store.putIfAbsent(Item.of(Keys.tenant(tenantId), Keys.apiKeySk(stored.id()), stored))) {
            throw HeraldException.conflict("that key exists already");
        }
        return new IssuedKey(stored.id(), tenantId, key, stored.createdAt());
    }

    /** One page of a tenant's keys, oldest first. */
    public Page<ApiKey> keys(String tenantId, String cursor, int limit) {
        get(tenantId);
        return store.page(Keys.tenant(tenantId), KeyRange.prefix(Keys.apiKeySk("")), ApiKey.class, cursor, limit, false);
    }

    /** Revokes a key at once; revoking twice keeps the first revocation time. */
    public ApiKey revokeKey(String tenantId, String keyId) {
        ApiKey key = store.get(Keys.tenant(tenantId), Keys.apiKeySk(keyId), ApiKey.class)
                .orElseThrow(() -> HeraldException.notFound("key", keyId));
        if (!key.active()) {
            return key;
        }
        ApiKey revoked = new ApiKey(key.id(), key.tenantId(), key.sha256(), key.createdAt(), clock.instant());
        store.put(Item.of(Keys.tenant(tenantId), Keys.apiKeySk(keyId), revoked));
        return revoked;
    }

    /** The tenant an active key belongs to, or empty for a malformed, unknown or revoked key. */
    public Optional<String> authenticate(String presentedKey) {
        Optional<String> tenantId = ApiKeys.tenantOf(presentedKey);
        if (tenantId.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeys.sha256(presentedKey);
        return store.get(Keys.tenant(tenantId.get()), Keys.apiKeySk(ApiKeys.idOf(hash)), ApiKey.class)
                .filter(ApiKey::active)
                .filter(key -> ApiKeys.sameHash(key.sha256(), hash))
                .map(ApiKey::tenantId);
    }

}
