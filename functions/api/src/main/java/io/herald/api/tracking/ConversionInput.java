package io.herald.api.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.firstparty.ConversionRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The body of {@code POST /v1/conversions}. */
@RegisterForReflection
@Schema(name = "ConversionInput", description = "A purchase, sign-up or other conversion the tenant's application saw")
public record ConversionInput(
        @Schema(required = true, maxLength = 100, description = "The idempotency id (an order number): a repost with it answers the first attribution and counts once",
                examples = "order-10042") String conversionId,
        @Schema(description = "Who converted; required unless email is given", examples = "cust-1001") String contactId,
        @Schema(description = "Who converted, when the application knows no contact id", examples = "ada@example.org") String email,
        @Schema(description = "The token of the click the visitor arrived through: the last path segment of the /t/c/ link (strongest attribution)",
                examples = "AWMFAGFjbWUk...") String clickToken,
        @Schema(description = "Herald's message id to attribute it to, when the application knows it; another tenant's is simply not found",
                examples = "6f1c2a34-9b7e-3d41-8c55-0a2b3c4d5e6f") String messageId,
        @Schema(required = true, pattern = "^[a-z][a-z0-9_-]{0,63}$", description = "What happened", examples = "purchase") String kind,
        @Schema(description = "What it was worth, optional") ValueInput value,
        @Schema(description = "When it happened (defaults to now); within 24 hours ahead and the event retention behind",
                examples = "2026-11-27T10:15:00Z") Instant occurredAt) {

    public ConversionRequest toRequest() {
        return new ConversionRequest(conversionId, contactId, email, clickToken, messageId, kind,
                value == null ? null : new ConversionRequest.Value(value.amountText(), value.currency()), occurredAt);
    }

    /** A money amount as a decimal string, so that no float rounding touches revenue. */
    @RegisterForReflection
    @Schema(name = "ConversionValue")
    public record ValueInput(
            @Schema(required = true, type = SchemaType.STRING, pattern = "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?$",
                    description = "A decimal string (not a JSON number) with at most the currency's minor digits (2 for EUR, 0 for JPY)",
                    examples = "49.90") JsonNode amount,
            @Schema(required = true, pattern = "^[A-Z]{3}$", description = "ISO 4217 code", examples = "EUR") String currency) {

        /** The amount's text; a JSON number is refused, since a client that sends one has already been through a float. */
        String amountText() {
            if (amount == null || amount.isNull()) {
                return null;
            }
            if (!amount.isTextual()) {
                throw HeraldException.invalid("value.amount: a decimal string such as \"49.90\", not a JSON number (a number may have lost cents to float rounding)");
            }
            return amount.asText();
        }
    }
}
