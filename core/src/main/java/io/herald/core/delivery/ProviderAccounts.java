package io.herald.core.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's email provider accounts. Write-only: the settings go in, only the non-secret ones and a fingerprint
 * come out over the API, and the decrypted {@link ProviderCredentials} reach only the code that sends.
 */
@ApplicationScoped
public class ProviderAccounts {

    private static final TypeReference<TreeMap<String, String>> VALUES = new TypeReference<>() {
    };

    private final Store store;
    private final CredentialCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;

    public ProviderAccounts(Store store, CredentialCipher cipher, ObjectMapper json, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /** Replaces the tenant's account with this provider; every setting is checked before anything is written. */
    public ProviderAccount put(String tenantId, ProviderKind kind, Map<String, String> values) {
        Map<String, String> valid = ProviderFields.validate(kind, values);
        byte[] plaintext = serialize(valid);
        StoredProviderAccount stored = new StoredProviderAccount(kind, ProviderFields.visible(kind, valid),
                cipher.fingerprint(plaintext), clock.instant(), cipher.seal(plaintext, associatedData(tenantId, kind)));
        store.put(Item.of(Keys.tenant(tenantId), Keys.providerSk(kind.name()), stored));
        return stored.shown();
    }

    /** The configured accounts, in the order of {@link ProviderKind}. */
    public List<ProviderAccount> list(String tenantId) {
        return store.query(Keys.tenant(tenantId), Keys.providerPrefix(), StoredProviderAccount.class, ProviderKind.values().length, false)
                .stream().map(StoredProviderAccount::shown)
                .sorted(java.util.Comparator.comparing(ProviderAccount::kind)).toList();
    }

    public Optional<ProviderAccount> get(String tenantId, ProviderKind kind) {
        return stored(tenantId, kind).map(StoredProviderAccount::shown);
    }

    public boolean isConfigured(String tenantId, ProviderKind kind) {
        return stored(tenantId, kind).isPresent();
    }

    /** Removes the account; answers whether there was one. */
    public boolean delete(String tenantId, ProviderKind kind) {
        boolean existed = isConfigured(tenantId, kind);
        store.delete(Keys.tenant(tenantId), Keys.providerSk(kind.name()));
        return existed;
    }

    /**
     * The decrypted settings for sending, or empty when the tenant has no account with this provider.
     *
     * @throws DeliveryException with reason AUTHENTICATION when the stored ciphertext does not open (altered, copied
     *                           from another tenant or kind, or sealed under another key): no send can succeed
     */
    public Optional<ProviderCredentials> credentials(String tenantId, ProviderKind kind) {
        return stored(tenantId, kind).map(stored -> {
            byte[] plaintext = cipher.open(stored.sealed(), associatedData(tenantId, kind)).orElseThrow(() -> new DeliveryException(
                    DeliveryException.Reason.AUTHENTICATION, null,
                    "the stored " + kind + " credentials of tenant " + tenantId + " cannot be decrypted; write them again"));
            return new ProviderCredentials(kind, deserialize(plaintext));
        });
    }

    private Optional<StoredProviderAccount> stored(String tenantId, ProviderKind kind) {
        return store.get(Keys.tenant(tenantId), Keys.providerSk(kind.name()), StoredProviderAccount.class);
    }

    /** Binds the ciphertext to its item: the same bytes under another tenant or kind do not decrypt. */
    static String associatedData(String tenantId, ProviderKind kind) {
        return "herald/provider/v1\u0000" + tenantId + "\u0000" + kind.name();
    }

    private byte[] serialize(Map<String, String> values) {
        try {
            return json.writeValueAsBytes(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private Map<String, String> deserialize(byte[] plaintext) {
        try {
            return Map.copyOf(json.readValue(plaintext, VALUES));
        } catch (IOException e) {
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Credentials unreadable", "the stored credentials are not readable");
        }
    }
}
