package io.herald.api.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.api.testing.HeraldStack;
import io.herald.core.audience.AudienceConfig;
import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.Preview;
import io.herald.core.audience.PreviewContact;
import io.herald.core.audience.SegmentDraft;
import io.herald.core.audience.SegmentRef;
import io.herald.core.audience.SegmentService;
import io.herald.core.contact.Consent;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactDraft;
import io.herald.core.contact.ContactService;
import io.herald.core.contact.ContactsConfig;
import io.herald.core.contact.EventDraft;
import io.herald.core.contact.EventService;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Store;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The segment service on a fixed clock against the real store: the event window's boundary as DynamoDB's key
 * condition sees it, the audience walk the planner resumes from cursors, and a preview whose budget runs out.
 */
@QuarkusTest
@HeraldStack
class SegmentAudienceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Inject
    Store store;
    @Inject
    ContactService contacts;
    @Inject
    EventService events;
    @Inject
    AudienceConfig config;
    @Inject
    ContactsConfig contactsConfig;

    @Test
    void anEventAtTheWindowsFirstInstantCountsAndOneJustBeforeItDoesNot() throws Exception {
        String tenant = newTenant();
        contact(tenant, "edge", null);
        contact(tenant, "just-before", null);
        contact(tenant, "never", null);
        Instant windowStart = NOW.minus(Duration.ofDays(7));
        event(tenant, "edge", "product_viewed", windowStart);
        event(tenant, "just-before", "product_viewed", windowStart.minusMillis(1));
        SegmentService segments = service(config.previewBudget(), config.maxEvaluatedPerPage());
        segments.create(tenant, draft("viewed", "{\"event\":\"product_viewed\",\"within\":\"P7D\"}"));

        Preview preview = segments.preview(tenant, "viewed", null);

        assertThat(preview.sample()).extracting(PreviewContact::id).containsExactly("edge");
        assertThat(preview.count()).isEqualTo(1);
        assertThat(preview.evaluated()).isEqualTo(3);
        assertThat(preview.complete()).isTrue();
        assertThat(preview.countedAt()).isEqualTo(NOW);
        assertThat(segments.matches(tenant, new SegmentRef("viewed", 1), null, 10).contacts()).extracting(Contact::id).containsExactly("edge");
    }

    @Test
    void theAudienceWalkResumedFromEachCursorYieldsEveryMatchOnce() throws Exception {
        String tenant = newTenant();
        List<String> gold = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tier = i % 4 == 0 ? "gold" : "silver";
            contact(tenant, "c" + i, tier);
            if (tier.equals("gold")) {
                gold.add("c" + i);
            }
        }
        SegmentService segments = service(config.previewBudget(), 7);
        segments.create(tenant, draft("gold", "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}"));
        segments.update(tenant, "gold", draft("gold", "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"silver\"}"));

        List<String> walked = new ArrayList<>();
        int evaluated = 0;
        int steps = 0;
        String cursor = null;
        do {
            AudiencePage page = segments.matches(tenant, new SegmentRef("gold", 1), cursor, 3);
            assertThat(page.contacts()).hasSizeLessThanOrEqualTo(3);
            assertThat(page.evaluated()).isLessThanOrEqualTo(7);
            page.contacts().forEach(contact -> walked.add(contact.id()));
            evaluated += page.evaluated();
            cursor = page.next();
            steps++;
        } while (cursor != null && steps < 100);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(gold);
        assertThat(evaluated).isEqualTo(40);
        assertThatThrownBy(() -> segments.matches(tenant, new SegmentRef("gold", 3), null, 3)).isInstanceOf(HeraldException.class)
                .hasMessage("segment version 'gold v3' does not exist");
        assertThatThrownBy(() -> segments.matches(newTenant(), new SegmentRef("gold", 1), null, 3)).isInstanceOf(HeraldException.class)
                .hasMessage("segment version 'gold v1' does not exist");
    }

    @Test
    void aPreviewOutOfTimeAnswersWithWhatItCountedInsteadOfTimingOut() throws Exception {
        String tenant = newTenant();
        for (int i = 0; i < 20; i++) {
            contact(tenant, "c" + i, "gold");
        }
        SegmentService segments = service(Duration.ZERO, config.maxEvaluatedPerPage());
        segments.create(tenant, draft("gold", "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}"));

        Preview preview = segments.preview(tenant, "gold", 1);

        assertThat(preview.complete()).isFalse();
        assertThat(preview.evaluated()).isLessThan(20);
        assertThat(preview.count()).isEqualTo(preview.evaluated());
        assertThat(service(Duration.ofSeconds(20), 1000).preview(tenant, "gold", 1).count()).isEqualTo(20);
    }

    private SegmentService service(Duration budget, int maxEvaluated) {
        AudienceConfig defaults = config;
        AudienceConfig tuned = new AudienceConfig() {
            @Override
            public Duration previewBudget() {
                return budget;
            }

            @Override
            public int previewSample() {
                return defaults.previewSample();
            }

            @Override
            public int previewParallelism() {
                return defaults.previewParallelism();
            }

            @Override
            public int maxEvaluatedPerPage() {
                return maxEvaluated;
            }

            @Override
            public int maxEventsPerContact() {
                return defaults.maxEventsPerContact();
            }
        };
        return new SegmentService(store, contacts, CLOCK, tuned, contactsConfig);
    }

    private void contact(String tenant, String id, String tier) throws Exception {
        ObjectNode attributes = (ObjectNode) JSON.readTree(tier == null ? "{}" : "{\"tier\":\"" + tier + "\"}");
        contacts.upsert(tenant, new ContactDraft(id, id + "@example.com", attributes, null, "en",
                Map.of("email", new Consent(Consent.Status.granted, null, null))));
    }

    private void event(String tenant, String contactId, String type, Instant time) {
        assertThat(events.record(tenant, List.of(new EventDraft(null, contactId, type, time, null))).get(0).status()).isEqualTo("created");
    }

    private static SegmentDraft draft(String id, String rule) throws Exception {
        return new SegmentDraft(id, id, JSON.readTree(rule));
    }

    private static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
