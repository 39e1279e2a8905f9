package io.herald.core.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackQueueTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final TrackQueue queue = new TrackQueue(null, json);

    @Test
    void splitsByCountAndKeepsEveryEventInOrder() {
        List<TrackedEvent> events = events(250, 10);
        List<TrackJob> parts = queue.split(new TrackJob("acme", "sendgrid", Instant.EPOCH, events));
        assertThat(parts).extracting(part -> part.events().size()).containsExactly(100, 100, 50);
        assertThat(parts.stream().flatMap(part -> part.events().stream()).toList()).isEqualTo(events);
        assertThat(parts).allSatisfy(part -> assertThat(part.tenantId()).isEqualTo("acme"));
    }

    @Test
    void splitsBySizeSoThatNoQueueMessagePassesTheLimit() throws Exception {
        List<TrackedEvent> events = events(60, 10_000);
        List<TrackJob> parts = queue.split(new TrackJob("acme", "sendgrid", Instant.EPOCH, events));
        assertThat(parts.size()).isGreaterThan(1);
        for (TrackJob part : parts) {
            assertThat(json.writeValueAsString(part).getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
        }
        assertThat(parts.stream().mapToInt(part -> part.events().size()).sum()).isEqualTo(60);
    }

    @Test
    void refusesAnEventTooLargeForAnyQueueMessage() {
        assertThatThrownBy(() -> queue.split(new TrackJob("acme", "sendgrid", Instant.EPOCH, events(1, 300_000))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<TrackedEvent> events(int count, int urlLength) {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new TrackedEvent("sendgrid:" + i, EventType.click, Instant.EPOCH.plusSeconds(i),
                    new MessageRef("m" + i, "acme", null, null, "a@example.com"), Evidence.none(),
                    new EventDetail(null, "https://shop.example.com/" + "x".repeat(urlLength), null, null, null, null)));
        }
        return events;
    }
}
