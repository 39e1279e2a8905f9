package io.herald.core.tracking.firstparty;

import java.time.Instant;

/**
 * A conversion as an application reports it ({@code POST /v1/conversions}).
 *
 * @param conversionId the caller's idempotency id: a repost with the same id answers the first attribution
 * @param contactId who converted, or null when {@code email} names them
 * @param email who converted, when the caller knows no contact id
 * @param clickToken the click token the visitor arrived with (the last path segment of {@code /t/c/<token>}), the strongest attribution
 * @param messageId Herald's message id the caller attributes it to, when it knows one
 * @param kind what happened ({@code purchase}, {@code signup})
 * @param value its value, or null
 * @param occurredAt when it happened; now when null
 */
public record ConversionRequest(String conversionId, String contactId, String email, String clickToken, String messageId, String kind,
        Value value, Instant occurredAt) {

    /**
     * @param amount a decimal string ({@code "49.90"}), never a float, with at most the currency's minor digits
     * @param currency the ISO 4217 code ({@code EUR})
     */
    public record Value(String amount, String currency) {
    }
}
