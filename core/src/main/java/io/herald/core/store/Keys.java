package io.herald.core.store;

/**
 * Every key Herald writes, built in this one place. Each partition key starts with the tenant, so a
 * request that knows only its own tenant id cannot name another tenant's item. All that Herald holds
 * about one person lives in the contact's partition (or is pointed to from it), which makes erasure and
 * export a single query.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** A second index, so that one item can be found by two alternative keys (a message by Herald's id and the provider's). */
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /**
     * The sparse contact-walk index: every contact profile, partitioned by tenant and a shard of its id, so that
     * walking one tenant's contacts reads only that tenant's items and a large tenant is spread over
     * {@link #WALK_SHARDS} partitions that can be read in parallel.
     */
    public static final String WALK = "walk";
    public static final String WALK_PK = "walkpk";
    public static final String WALK_SK = "walksk";
    /** Fixed for the life of a table: changing it would strand contacts in shards nobody reads. */
    public static final int WALK_SHARDS = 16;
    /** Epoch seconds after which DynamoDB may delete the item; local emulators ignore it. */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String TENANT_SK = "TENANT";
    public static final String SETTINGS_SK = "SETTINGS";
    public static final String PROFILE_SK = "PROFILE";
    public static final String CONTENT_SK = "CONTENT";

    private Keys() {
    }

    /** The partition-key attribute of an index. */
    public static String indexPartitionKey(String index) {
        return switch (index) {
            case GSI1 -> GSI1_PK;
            case GSI2 -> GSI2_PK;
            case WALK -> WALK_PK;
            default -> throw new IllegalArgumentException("no index " + index);
        };
    }

    /** The sort-key attribute of an index. */
    public static String indexSortKey(String index) {
        return switch (index) {
            case GSI1 -> GSI1_SK;
            case GSI2 -> GSI2_SK;
            case WALK -> WALK_SK;
            default -> throw new IllegalArgumentException("no index " + index);
        };
    }

    public static String walkPartition(String tenantId, int shard) {
        return tenant(tenantId) + "#WALK#" + String.format("%02d", shard);
    }

    /** A contact's shard: stable for its id, spread evenly whatever the ids look like. */
    public static int walkShard(String contactId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(contactId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % WALK_SHARDS);
    }

    public static String tenant(String tenantId) {
        return "T#" + tenantId;
    }

    public static String apiKeySk(String keyId) {
        return "KEY#" + keyId;
    }

    public static String contact(String tenantId, String contactId) {
        return tenant(tenantId) + "#C#" + contactId;
    }

    public static String contactByEmail(String tenantId, String email) {
        return tenant(tenantId) + "#EMAIL#" + email.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Events sort by time within the contact's partition; the id keeps two events of one instant apart. The time
     * has a fixed width (nanoseconds always written), because {@code Instant.toString()} drops zero fractions and
     * "…:00Z" would then sort after "…:00.5Z".
     */
    public static String eventSk(java.time.Instant time, String eventId) {
        return eventPrefix() + EVENT_TIME.format(time) + "#" + eventId;
    }

    /** Marks a caller's event id as used, with the time it was stored under: the idempotency record. */
    public static String eventIdSk(String eventId) {
        return "EVID#" + eventId;
    }

    private static final java.time.format.DateTimeFormatter EVENT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(java.time.ZoneOffset.UTC);

    public static String eventPrefix() {
        return "EV#";
    }

    public static String contentRefSk(String contentId) {
        return contentRefPrefix() + contentId;
    }

    public static String contentRefPrefix() {
        return "CONTENTREF#";
    }

    public static String content(String tenantId, String contentId) {
        return tenant(tenantId) + "#CONTENT#" + contentId;
    }

    public static String prompts(String tenantId) {
        return tenant(tenantId) + "#PROMPTS";
    }

    /** Zero-padded so that versions sort numerically. */
    public static String promptVersionSk(String name, int version) {
        return promptPrefix(name) + String.format("%06d", version);
    }

    public static String promptPrefix(String name) {
        return name + "#V";
    }

    /** A campaign message to one contact, in the contact's partition: the (campaign, recipient) claim itself. */
    public static String messageSk(String campaignId) {
        return messagePrefix() + campaignId;
    }

    public static String messagePrefix() {
        return "MSG#";
    }

    /** gsi1 key of a message: tracking finds it by Herald's message id. */
    public static String messageById(String tenantId, String messageId) {
        return tenant(tenantId) + "#MSGID#" + messageId;
    }

    /** gsi2 key of a message: provider webhooks that carry only the provider's id find it by that. */
    public static String messageByProviderId(String tenantId, String provider, String providerMessageId) {
        return tenant(tenantId) + "#PMID#" + provider + "#" + providerMessageId;
    }

    /** All of a tenant's campaigns, one item each, listed newest first (campaign ids sort by creation time). */
    public static String campaigns(String tenantId) {
        return tenant(tenantId) + "#CAMPAIGNS";
    }

    public static String campaignSk(String campaignId) {
        return campaignPrefix() + campaignId;
    }

    public static String campaignPrefix() {
        return "CAMPAIGN#";
    }

    /** One campaign's own partition: its progress counter shards and the planner's state. */
    public static String campaign(String tenantId, String campaignId) {
        return tenant(tenantId) + "#CAMPAIGN#" + campaignId;
    }

    public static String progressSk(int shard) {
        return progressPrefix() + shard;
    }

    public static String progressPrefix() {
        return "PROGRESS#";
    }

    /** Shards of the planner's due index; fixed for the life of a table, or due campaigns would sit where nobody looks. */
    public static final int DUE_SHARDS = 4;

    /**
     * The planner's due index (gsi2): the one partition key not prefixed by a tenant, because the planner looks for
     * due campaigns across all tenants. It holds only scheduled and running campaigns (sparse), sorted by due time;
     * nothing reads it on behalf of a tenant.
     */
    public static String duePartition(int shard) {
        return "DUE#" + shard;
    }

    public static int dueShard(String tenantId, String campaignId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update((tenantId + "#" + campaignId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % DUE_SHARDS);
    }

    /** Fixed-width epoch seconds first, so that "due at or before t" is a sort-key range. */
    public static String dueSk(java.time.Instant dueAt, String tenantId, String campaignId) {
        return dueBound(dueAt) + "#" + tenantId + "#" + campaignId;
    }

    /** Sorts after every due key of instants up to {@code dueAt} and before those of later seconds. */
    public static String dueUpTo(java.time.Instant dueAt) {
        return dueBound(dueAt.plusSeconds(1));
    }

    private static String dueBound(java.time.Instant dueAt) {
        return String.format("%012d", dueAt.getEpochSecond());
    }

    /** A tenant's segments: a head item per segment (what the list pages over) and an item per immutable version. */
    public static String segments(String tenantId) {
        return tenant(tenantId) + "#SEGMENTS";
    }

    public static String segmentHeadSk(String segmentId) {
        return segmentHeadPrefix() + segmentId;
    }

    public static String segmentHeadPrefix() {
        return "HEAD#";
    }

    /** Zero-padded so that versions sort numerically; segment ids hold no '#', so one id's prefix never covers another's. */
    public static String segmentVersionSk(String segmentId, int version) {
        return segmentVersionPrefix(segmentId) + String.format("%06d", version);
    }

    public static String segmentVersionPrefix(String segmentId) {
        return "SEG#" + segmentId + "#V";
    }

    /** The lowest sort key of the events at or after {@code from}. */
    public static String eventsFrom(java.time.Instant from) {
        return eventSk(from, "");
    }

    /** Above every event's sort key (the time is digits, so any later character sorts after it). */
    public static String eventsEnd() {
        return eventPrefix() + "~";
    }

    /** A tenant's account with one email provider, in the tenant's own partition (at most one per kind). */
    public static String providerSk(String kind) {
        return providerPrefix() + kind;
    }

    public static String providerPrefix() {
        return "PROVIDER#";
    }

    /**
     * A tenant's suppression list: one partition, one item per address, keyed by the SHA-256 of the normalized
     * address so that the entry (and its protection) outlives the erasure of the person's contact.
     */
    public static String suppressions(String tenantId) {
        return tenant(tenantId) + "#SUPPRESSIONS";
    }

    public static String suppressionSk(String addressSha256) {
        return "S#" + addressSha256;
    }

    /**
     * A campaign's content: its own partition, one item per content group, variant and cache key ({@link
     * #campaignContentSk}), the claims of generations under way, and the per-recipient token budget.
     */
    public static String campaignContent(String tenantId, String campaignId) {
        return tenant(tenantId) + "#CAMPAIGN#" + campaignId + "#CONTENT";
    }

    public static String campaignContentSk(String groupKey, String variantId, String cacheKey) {
        return "G#" + groupKey + "#V#" + variantId + "#" + cacheKey;
    }

    /** Held by the one invocation generating that content, so that concurrent ones do not call the model twice. */
    public static String campaignContentClaimSk(String groupKey, String variantId, String cacheKey) {
        return "CLAIM#" + groupKey + "#V#" + variantId + "#" + cacheKey;
    }

    /** A content group whose key holds a hash of its value, kept so the generate step can tell the model the value. */
    public static String campaignContentGroupSk(String groupKey) {
        return "GROUP#" + groupKey;
    }

    /** The per-recipient mode's token counter of one campaign. */
    public static String campaignTokenBudgetSk() {
        return "BUDGET";
    }

    /** Content written for one recipient (per-recipient mode), in the contact's partition so erasure and export reach it. */
    public static String recipientContentSk(String campaignId, String variantId, String cacheKey) {
        return recipientContentPrefix() + campaignId + "#" + variantId + "#" + cacheKey;
    }

    public static String recipientContentPrefix() {
        return "CCONTENT#";
    }

    /** The test sends of one campaign ({@code POST /v1/campaigns/{id}/test}): not about any contact. */
    public static String testSends(String tenantId, String campaignId) {
        return tenant(tenantId) + "#CAMPAIGN#" + campaignId + "#TESTSENDS";
    }

    /** The planner's state of one campaign (audience cursor, planned counter, the pacer's taken slots), in the campaign's partition. */
    public static final String PLAN_SK = "PLAN";

    /** Recipients planned for a later minute, in the campaign's plan partition, sorted by that minute. */
    public static String plannedSk(long epochMinute, String part) {
        return plannedPrefix() + String.format("%012d", epochMinute) + "#" + part;
    }

    public static String plannedPrefix() {
        return "PLANNED#";
    }

    /** Marks one content group x variant's generation as enqueued, so that each is enqueued once. */
    public static String generationSk(String group, String variant) {
        return "GEN#" + group + "#" + variant;
    }
    /** Shards of a campaign's event and message index entries, fixed for the life of a table. */
    public static final int CAMPAIGN_SHARDS = 8;

    /**
     * A tracking event stored in its recipient's partition (so erasure and export reach it), one per message and
     * deduplication key: putting it if absent is what makes an event count once however often it is posted.
     *
     * @param eventKey a fixed-length hash of the event's id (ids can be long and hold any character)
     */
    public static String trackEventSk(String campaignId, String eventKey) {
        return trackEventPrefix(campaignId) + eventKey;
    }

    /** Every tracking event of one campaign's message in a contact's partition: the message's timeline. */
    public static String trackEventPrefix(String campaignId) {
        return "TRK#" + campaignId + "#";
    }

    /**
     * The walk index (walkpk) of a campaign's stored tracking events, sharded by message: what the reconcile reads to
     * recompute the campaign's counters without touching any other campaign or tenant.
     */
    public static String campaignEvents(String tenantId, String campaignId, int shard) {
        return campaign(tenantId, campaignId) + "#EVENTS#" + shard;
    }

    /** The walk index (walkpk) of a campaign's message records, sharded by message, for the reconcile. */
    public static String campaignMessages(String tenantId, String campaignId, int shard) {
        return campaign(tenantId, campaignId) + "#MESSAGES#" + shard;
    }

    /** A message's shard among {@link #CAMPAIGN_SHARDS}. */
    public static int campaignShard(String messageId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(messageId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % CAMPAIGN_SHARDS);
    }

    /**
     * One engagement counter item in the campaign's partition: per hour (UTC, {@code yyyyMMddHH}), variant and shard,
     * so that totals are the sum of a range and the hourly series is the same items grouped by hour.
     */
    public static String metricsSk(String hour, String variant, int shard) {
        return metricsPrefix() + hour + "#" + variant + "#" + shard;
    }

    public static String metricsPrefix() {
        return "METRICS#";
    }

    // --- apply slice (track worker): the stored tracking events' keys

    /** Every tracking event of a partition, whatever its campaign: what export reads. */
    public static String trackEventsPrefix() {
        return "TRK#";
    }

    /**
     * The fixed-length key of a tracking event's id in {@link #trackEventSk}: base64url of its SHA-256, 43
     * characters, so that an id of any length or alphabet makes a valid, short sort key, and the same id always
     * the same key (what deduplicates it).
     */
    public static String trackEventKey(String eventId) {
        return io.herald.core.support.Sha256.base64Url(eventId);
    }

    /**
     * The walk-index sort key (walksk) of a stored tracking event under {@link #campaignEvents}: the time it
     * happened (fixed width, as {@link #eventSk}) then its key, so the reconcile can read a campaign's events in
     * time order, or a time range of them.
     */
    public static String trackEventWalkSk(java.time.Instant occurredAt, String eventKey) {
        return EVENT_TIME.format(occurredAt) + "#" + eventKey;
    }

    // ---- outbound webhooks (slice: outbound) ----

    /** A tenant's webhook endpoints: one small partition, one item per endpoint (the fan-out reads it whole). */
    public static String webhookEndpoints(String tenantId) {
        return tenant(tenantId) + "#WEBHOOKS";
    }

    public static String webhookEndpointSk(String endpointId) {
        return webhookEndpointPrefix() + endpointId;
    }

    public static String webhookEndpointPrefix() {
        return "EP#";
    }

    /** One endpoint's delivery log: one item per attempt, read newest first. */
    public static String webhookDeliveries(String tenantId, String endpointId) {
        return tenant(tenantId) + "#WEBHOOK#" + endpointId + "#DELIVERIES";
    }

    /** Fixed-width epoch milliseconds first, so that the log sorts by attempt time; id and attempt keep attempts apart. */
    public static String webhookAttemptSk(java.time.Instant attemptedAt, String webhookId, int attempt) {
        return webhookAttemptPrefix() + String.format("%013d", attemptedAt.toEpochMilli()) + "#" + webhookId + "#" + String.format("%02d", attempt);
    }

    public static String webhookAttemptPrefix() {
        return "A#";
    }

    // ---- hooks-http slice: provider webhook replay marks ----

    /**
     * A provider webhook's one-time token (Mailgun's {@code token}) as used, for one tenant and provider: its own
     * small partition per token, so that a tenant's webhook traffic spreads over DynamoDB instead of heating the
     * tenant's partition. Written if absent, with {@link #EXPIRES_AT} once the token can no longer pass the freshness window.
     *
     * @param tokenSha256 hex SHA-256 of the token (tokens are provider-chosen text of any length)
     */
    public static String webhookReplay(String tenantId, String provider, String tokenSha256) {
        return tenant(tenantId) + "#REPLAY#" + provider + "#" + tokenSha256;
    }

    public static final String WEBHOOK_REPLAY_SK = "REPLAY";

    // --- first-party tracking and conversions (slice first-party) ---

    /**
     * A reported conversion in its contact's partition (erasing the contact deletes it), one per conversion id: putting it
     * if absent is what makes a repost answer the first attribution.
     */
    public static String conversionSk(String conversionId) {
        return conversionPrefix() + conversionId;
    }

    public static String conversionPrefix() {
        return "CONV#";
    }
}
