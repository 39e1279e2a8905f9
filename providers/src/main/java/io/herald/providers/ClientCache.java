package io.herald.providers;

import io.herald.core.delivery.ProviderCredentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Provider clients (an SMTP connection pool, an SES client) kept per credential set, so that a campaign reuses its
 * connections. The key is a SHA-256 digest of the settings, so no password sits in a key that might be printed.
 * When full, the least recently used client is closed.
 */
public final class ClientCache<C extends AutoCloseable> {

    private final Map<String, C> clients;

    public ClientCache(int capacity) {
        this.clients = Lru.map(capacity, ClientCache::closeQuietly);
    }

    public synchronized C get(ProviderCredentials credentials, Supplier<C> create) {
        return clients.computeIfAbsent(digest(credentials), key -> create.get());
    }

    public synchronized void closeAll() {
        clients.values().forEach(ClientCache::closeQuietly);
        clients.clear();
    }

    static String digest(ProviderCredentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credentials.kind().name().getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(credentials.values()).forEach((key, value) -> {
                sha.update((byte) 0);
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // a client that fails to close has nothing left to send
        }
    }
}
