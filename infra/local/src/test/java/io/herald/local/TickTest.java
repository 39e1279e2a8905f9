package io.herald.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static io.herald.local.SqsPollerTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/** The schedule's stand-in against a real Quarkus mock event server, with a function in this JVM. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TickTest {

    private static final Instant NOW = Instant.parse("2030-03-31T00:59:59.750Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void eachTickIsTheScheduledEventEventBridgeSends() throws Exception {
        try (InJvmFunction plan = InJvmFunction.start(event -> InJvmFunction.Reply.ok("{\"planned\":0}"));
             Tick tick = Tick.start(new Tick.Options("herald-plan", plan.eventUrl(), Duration.ofMillis(300), Duration.ofSeconds(5), CLOCK))) {

            awaitTrue(() -> plan.invocations().size() >= 2, "two scheduled ticks");

            JsonNode event = plan.invocations().get(0).event();
            assertThat(event.path("version").asText()).isEqualTo("0");
            assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.path("source").asText()).isEqualTo("aws.events");
            assertThat(event.path("time").asText()).as("to the second, as EventBridge writes it").isEqualTo(NOW.minusMillis(750).toString());
            assertThat(event.path("region").asText()).isEqualTo(ElasticMq.REGION);
            assertThat(event.path("resources").get(0).asText()).endsWith(":rule/herald-plan").startsWith("arn:aws:events:");
            assertThat(event.path("detail").isObject()).isTrue();
            assertThat(event.path("id").asText()).isNotEqualTo(plan.invocations().get(1).event().path("id").asText());
            assertThat(tick.ticks()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aTickOnDemandReturnsTheFunctionsAnswer() throws Exception {
        try (InJvmFunction plan = InJvmFunction.start(event -> InJvmFunction.Reply.ok("{\"planned\":3}"));
             Tick tick = Tick.start(new Tick.Options("herald-plan", plan.eventUrl(), Duration.ofHours(1), Duration.ofSeconds(5), CLOCK))) {

            Tick.Result result = tick.fire();

            assertThat(result.succeeded()).isTrue();
            assertThat(result.answer()).isEqualTo("{\"planned\":3}");
            assertThat(plan.invocations()).hasSize(1);
        }
    }

    @Test
    void aFailingFunctionIsReportedAndTheScheduleGoesOn() throws Exception {
        try (InJvmFunction plan = InJvmFunction.start(event -> {
                 throw new IllegalStateException("the table is gone");
             });
             Tick tick = Tick.start(new Tick.Options("herald-plan", plan.eventUrl(), Duration.ofMillis(200), Duration.ofSeconds(5), CLOCK))) {

            assertThat(tick.fire().succeeded()).isFalse();
            awaitTrue(() -> plan.invocations().size() >= 3, "the schedule kept ticking after failures");
        }
    }

    @Test
    void closingStopsTheSchedule() throws Exception {
        try (InJvmFunction plan = InJvmFunction.start(event -> InJvmFunction.Reply.ok(""))) {
            Tick tick = Tick.start(new Tick.Options("herald-plan", plan.eventUrl(), Duration.ofMillis(200), Duration.ofSeconds(5), CLOCK));
            awaitTrue(() -> plan.invocations().size() >= 1, "a first tick");
            tick.close();
            int seen = plan.invocations().size();

            Thread.sleep(700);

            assertThat(plan.invocations()).hasSize(seen);
        }
    }
}
