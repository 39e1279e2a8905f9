package io.herald.core.campaign;

import io.herald.core.errors.HeraldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CampaignRulesTest {

    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");

    @Property(tries = 300)
    void aLocalTimeIsRefusedAsPastExactlyWhenItHasPassedInEveryZone(@ForAll @IntRange(min = -3, max = 3) int days, @ForAll("times") LocalTime time) {
        LocalDate date = LocalDate.ofInstant(NOW, ZoneId.of("UTC")).plusDays(days);
        Throwable refused = catchThrowable(() -> CampaignRules.schedule(new Schedule(ScheduleType.localTime, null, date, time, null), NOW));
        boolean stillAheadSomewhere = ZoneId.getAvailableZoneIds().stream()
                .anyMatch(zone -> !ZonedDateTime.of(LocalDateTime.of(date, time), ZoneId.of(zone)).toInstant().isBefore(NOW));
        assertThat(refused == null).as("%s %s accepted", date, time).isEqualTo(stillAheadSomewhere);
    }

    @Property(tries = 300)
    void windowsAreRefusedExactlyWhenNothingCouldBeSent(@ForAll("times") LocalTime ws, @ForAll("times") LocalTime we,
            @ForAll("times") LocalTime qs, @ForAll("times") LocalTime qe) {
        Throwable refused = catchThrowable(() -> CampaignRules.window(new SendWindow(ws, we), new QuietHours(qs, qe)));
        boolean someMinuteAllowed = false;
        for (int minute = 0; minute < 24 * 60 && !ws.equals(we) && !qs.equals(qe); minute++) {
            LocalTime t = LocalTime.of(minute / 60, minute % 60);
            boolean inWindow = ws.isBefore(we) ? !t.isBefore(ws) && t.isBefore(we) : !t.isBefore(ws) || t.isBefore(we);
            boolean quiet = qs.isBefore(qe) ? !t.isBefore(qs) && t.isBefore(qe) : !t.isBefore(qs) || t.isBefore(qe);
            someMinuteAllowed |= inWindow && !quiet;
        }
        assertThat(refused == null).isEqualTo(someMinuteAllowed);
        if (refused != null) {
            assertThat(((HeraldException) refused).detail()).matches("(sendWindow|quietHours): .*");
        }
    }

    @Example
    void senderDomainsCoverTheirSubdomainsOnly() {
        assertThat(CampaignRules.isSenderDomain("mail.acme.example", List.of("acme.example"))).isTrue();
        assertThat(CampaignRules.isSenderDomain("acme.example", List.of("ACME.example"))).isTrue();
        assertThat(CampaignRules.isSenderDomain("notacme.example", List.of("acme.example"))).isFalse();
        assertThat(CampaignRules.isSenderDomain("acme.example.evil", List.of("acme.example"))).isFalse();
        assertThat(new Sender("Acme <News@Mail.Acme.Example>", null).domain()).isEqualTo("mail.acme.example");
    }

    @Example
    void theCostIsAnEstimateFromThePriceTableAndNamesModelsWithoutAPrice() {
        Map<String, CostEstimate.Price> prices = CostEstimate.parse(List.of("gpt-4o-mini=0.15/0.60", " gpt-4.1 = 2.00/8.00 "));
        CostEstimate cost = CostEstimate.of(Map.of("gpt-4o-mini", new long[] {2_000_000, 1_000_000}, "gpt-4.1", new long[] {1000, 0},
                "local-llama", new long[] {5, 5}), prices);
        assertThat(cost.usd()).isEqualByComparingTo("0.902"); // 0.30 + 0.60 + 0.002
        assertThat(cost.unpricedModels()).containsExactly("local-llama");
        assertThat(cost.basis()).startsWith("estimate");
        for (String bad : List.of("gpt-4o-mini", "gpt-4o-mini=0.15", "=0.1/0.2", "gpt=cheap/0.2")) {
            assertThatThrownBy(() -> CostEstimate.parse(List.of(bad))).as(bad).hasMessageContaining("herald.model-pricing.prices");
        }
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
    }
}
