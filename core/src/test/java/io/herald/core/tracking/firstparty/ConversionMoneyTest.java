package io.herald.core.tracking.firstparty;

import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conversion values: exact minor units, the precision the currency allows, a precise 400 otherwise. */
class ConversionMoneyTest {

    private static Money money(String amount, String currency) {
        return Conversions.money(new ConversionRequest.Value(amount, currency));
    }

    @Test
    void amountsBecomeExactMinorUnits() {
        assertThat(money("49.90", "EUR")).isEqualTo(new Money(4990, "EUR"));
        assertThat(money("49.9", "EUR")).isEqualTo(new Money(4990, "EUR"));
        assertThat(money("1200", "JPY")).isEqualTo(new Money(1200, "JPY"));
        assertThat(money("1.234", "KWD")).isEqualTo(new Money(1234, "KWD"));
        assertThat(money("0", "USD")).isEqualTo(new Money(0, "USD"));
        assertThat(Conversions.amountText(new Money(4990, "EUR"))).isEqualTo("49.90");
        assertThat(Conversions.amountText(new Money(1200, "JPY"))).isEqualTo("1200");
        assertThat(Conversions.money(null)).isNull();
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRefusedWithTheReason() {
        assertThatThrownBy(() -> money("49.999", "EUR")).isInstanceOf(HeraldException.class)
                .hasMessageContaining("value.amount: 49.999 has 3 decimals, but EUR has 2 minor digits");
        assertThatThrownBy(() -> money("100.5", "JPY")).hasMessageContaining("JPY has 0 minor digits");
    }

    @Test
    void anythingButADecimalStringAndAnIsoCodeIsRefused() {
        assertThatThrownBy(() -> money("-5", "EUR")).hasMessageContaining("value.amount");
        assertThatThrownBy(() -> money("1e3", "EUR")).hasMessageContaining("value.amount");
        assertThatThrownBy(() -> money("", "EUR")).hasMessageContaining("value.amount");
        assertThatThrownBy(() -> money(null, "EUR")).hasMessageContaining("value.amount");
        assertThatThrownBy(() -> money("10", "eur")).hasMessageContaining("value.currency");
        assertThatThrownBy(() -> money("10", "ABC")).hasMessageContaining("'ABC' is not an ISO 4217 currency code");
        assertThatThrownBy(() -> money("10", "XAU")).hasMessageContaining("XAU has no minor unit");
        assertThatThrownBy(() -> money("10", null)).hasMessageContaining("value.currency");
        assertThatThrownBy(() -> money("999999999999999999.99", "EUR")).hasMessageContaining("too large");
    }
}
