package io.herald.core.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An amount in the currency's minor units (cents), so that sums are exact.
 *
 * @param minor the amount in minor units
 * @param currency the ISO 4217 code, upper case
 */
@RegisterForReflection
public record Money(long minor, String currency) {
}
