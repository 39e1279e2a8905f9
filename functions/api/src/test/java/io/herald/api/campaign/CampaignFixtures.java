package io.herald.api.campaign;

import io.herald.core.campaign.SegmentCatalog;
import io.herald.core.campaign.SendingSetup;
import io.herald.core.delivery.ProviderKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segments, provider accounts and sender domains a campaign refers to, per test tenant. They belong to the
 * audience and delivery capabilities, which answer {@link SegmentCatalog} and {@link SendingSetup} once they are
 * merged; until then these stand in for them (and replace Herald's refusing defaults) in the api's tests.
 */
final class CampaignFixtures {

    private static final Map<String, Map<String, Integer>> LATEST_SEGMENT_VERSION = new ConcurrentHashMap<>();
    private static final Map<String, Set<ProviderKind>> PROVIDERS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> SENDER_DOMAINS = new ConcurrentHashMap<>();

    private CampaignFixtures() {
    }

    /** The tenant has versions 1 to {@code latest} of the segment. */
    static void segment(String tenantId, String segmentId, int latest) {
        LATEST_SEGMENT_VERSION.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>()).put(segmentId, latest);
    }

    static void provider(String tenantId, ProviderKind kind) {
        PROVIDERS.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet()).add(kind);
    }

    static void senderDomains(String tenantId, String... domains) {
        SENDER_DOMAINS.put(tenantId, List.of(domains));
    }

    @ApplicationScoped
    static class Segments implements SegmentCatalog {
        @Override
        public Optional<Integer> pinnedVersion(String tenantId, String segmentId, Integer version) {
            Integer latest = LATEST_SEGMENT_VERSION.getOrDefault(tenantId, Map.of()).get(segmentId);
            if (latest == null || (version != null && version > latest)) {
                return Optional.empty();
            }
            return Optional.of(version == null ? latest : version);
        }
    }

    /** Wins over the real {@code AccountSendingSetup}, so these tests need no provider accounts. */
    @jakarta.enterprise.inject.Alternative
    @jakarta.annotation.Priority(1)
    @ApplicationScoped
    static class Sending implements SendingSetup {
        @Override
        public boolean isConfigured(String tenantId, ProviderKind kind) {
            return PROVIDERS.getOrDefault(tenantId, Set.of()).contains(kind);
        }

        @Override
        public List<String> senderDomains(String tenantId) {
            return SENDER_DOMAINS.getOrDefault(tenantId, List.of());
        }
    }
}
