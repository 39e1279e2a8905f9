package io.herald.core.tracking.firstparty;

import io.herald.core.tracking.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A recorded conversion, stored under {@link io.herald.core.store.Keys#conversionSk} so that a repost answers the same. */
@RegisterForReflection
public record StoredConversion(ConversionReceipt receipt, String contactId, String kind, Money value, Instant occurredAt, Instant recordedAt) {
}
