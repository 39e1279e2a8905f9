package io.herald.worker.testing;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.SegmentCatalog;
import io.herald.core.campaign.SendingSetup;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.campaign.sending.Audience;
import io.herald.core.campaign.sending.ContentSource;
import io.herald.core.campaign.sending.PlanFailureHook;
import io.herald.core.campaign.sending.SendFailureHook;
import io.herald.core.campaign.sending.SenderProfile;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactService;
import io.herald.core.content.Channel;
import io.herald.core.content.GeneratedContent;
import io.herald.core.content.PromptUsed;
import io.herald.core.content.Source;
import io.herald.core.content.Variant;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.store.Page;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test stand-ins for some seams (the audience as all of the tenant's contacts instead of a segment rule, fixed content
 * per variant instead of generation, the sender profile of tenants the tests do not create, the campaign's segment and
 * sending checks), plus the crash hooks. Herald's store, queues, suppression list and SMTP mailer are the real ones.
 */
public final class TestSeams {

    private TestSeams() {
    }

    public static final String POSTAL = "Acme Ltd, 1 Market Street, Springfield";

    /** Every contact of the tenant (the segment's rule is the segments slice's business). */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class AllContacts implements Audience {
        final ContactService contacts;

        AllContacts(ContactService contacts) {
            this.contacts = contacts;
        }

        @Override
        public AudiencePage matches(String tenantId, SegmentRef segment, String cursor, int limit) {
            Page<Contact> page = contacts.walk(tenantId, cursor, limit);
            return new AudiencePage(page.items(), page.next(), page.items().size());
        }
    }

    /** One fixed content per variant, with a merge field; ready once the generate step prepared it. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FixedContent implements ContentSource {
        public static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();

        @Override
        public ContentGroup group(Campaign campaign, Contact contact) {
            return ContentGroup.of("en", null, null);
        }

        @Override
        public Prepared prepare(Campaign campaign, ContentGroup group, String variantId) {
            PREPARED.add(campaign.id() + "|" + group.key() + "|" + variantId);
            return Prepared.ready(content(campaign, group.key(), variantId));
        }

        @Override
        public Prepared forRecipient(Campaign campaign, ContentGroup group, String variantId, Contact contact) {
            return PREPARED.contains(campaign.id() + "|" + group.key() + "|" + variantId)
                    ? Prepared.ready(content(campaign, group.key(), variantId)) : Prepared.retryLater(null, "not generated yet");
        }

        static CampaignContent content(Campaign campaign, String groupKey, String variantId) {
            Variant variant = new Variant(0, "Hello {{firstName}}, spring is here (" + variantId + ")", "New arrivals",
                    "<html><body><p>Hi {{firstName}}, see <a href=\"https://shop.example.com/spring\">the spring range</a>.</p></body></html>",
                    "Hi {{firstName}}, see the spring range: https://shop.example.com/spring", null, null, null, null, null, null, null, List.of());
            GeneratedContent generated = new GeneratedContent("gc-" + variantId, null, Channel.email, null, campaign.brief(), List.of(variant),
                    true, Source.template, null, null, new PromptUsed("email", 1, "hash-1"), null, null, null, null, 0, null, Instant.EPOCH);
            return new CampaignContent("cc-" + campaign.id() + "-" + variantId, campaign.id(), groupKey, variantId, "cache",
                    null, List.of(new MergeField("firstName", "there")), null, generated, Instant.EPOCH);
        }
    }

    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class Profile implements SenderProfile {
        @Override
        public SenderProfile.Profile of(String tenantId) {
            return new SenderProfile.Profile(POSTAL, "Acme", List.of("shop.example.com", "herald.test.example"));
        }
    }

    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class AnySegment implements SegmentCatalog {
        @Override
        public Optional<Integer> pinnedVersion(String tenantId, String segmentId, Integer version) {
            return Optional.of(version == null ? 1 : version);
        }
    }

    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class AnySending implements SendingSetup {
        @Override
        public boolean isConfigured(String tenantId, ProviderKind kind) {
            return true;
        }

        @Override
        public List<String> senderDomains(String tenantId) {
            return List.of("acme.example");
        }
    }

    /** Makes the invocation die right after the claim or right after the provider took the message. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class Crashes implements SendFailureHook {
        public static volatile boolean afterClaim;
        public static volatile boolean afterProvider;

        @Override
        public void afterClaim(String messageId) {
            if (afterClaim) {
                throw new SimulatedCrash("after the claim of " + messageId);
            }
        }

        @Override
        public void afterProvider(String messageId) {
            if (afterProvider) {
                throw new SimulatedCrash("after the provider took " + messageId);
            }
        }
    }

    /** Makes a planning tick of one campaign die at a random one of its crash points, with the given chance each. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class PlanCrashes implements PlanFailureHook {
        public static volatile String campaignId;
        public static volatile double chance;
        public static volatile java.util.Random random = new java.util.Random(0);
        public static final java.util.concurrent.atomic.AtomicInteger CRASHES = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void at(Point point, String campaign) {
            if (campaign.equals(campaignId) && random.nextDouble() < chance) {
                CRASHES.incrementAndGet();
                throw new SimulatedCrash("at " + point + " of planning " + campaign);
            }
        }
    }

    /** Makes the track worker fail (as a store outage would) right after it stored the given event. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class TrackFailures implements io.herald.core.tracking.TrackFailureHook {
        public static volatile String failAfter;

        @Override
        public void afterStored(String eventId) {
            if (eventId.equals(failAfter)) {
                failAfter = null;
                throw new IllegalStateException("simulated store outage after storing " + eventId);
            }
        }
    }

    /** Every {@link io.herald.core.tracking.EventsApplied} the track worker fires, for the tests that count them. */
    @ApplicationScoped
    public static class AppliedRecorder {
        public static final java.util.List<io.herald.core.tracking.EventsApplied> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** When set, the observer fails for this tenant once, as outbound webhooks do when SQS refuses their deliveries. */
        public static volatile String failOnceFor;

        void on(@jakarta.enterprise.event.Observes io.herald.core.tracking.EventsApplied applied) {
            SEEN.add(applied);
            if (applied.tenantId().equals(failOnceFor)) {
                failOnceFor = null;
                throw new IllegalStateException("the webhook queue refused the deliveries (test)");
            }
        }
    }

    /**
     * A provider that delivers straight into the track queue (as SES through SNS does), with its own envelope
     * {@code {"fakeProvider": <a track job>}}: proves the worker asks every {@link io.herald.core.tracking.ProviderQueueEvents}.
     */
    @ApplicationScoped
    public static class FakeProviderEvents implements io.herald.core.tracking.ProviderQueueEvents {
        final com.fasterxml.jackson.databind.ObjectMapper json;

        FakeProviderEvents(com.fasterxml.jackson.databind.ObjectMapper json) {
            this.json = json;
        }

        @Override
        public Optional<List<io.herald.core.tracking.TrackJob>> decode(String body) {
            try {
                com.fasterxml.jackson.databind.JsonNode envelope = json.readTree(body).path("fakeProvider");
                return envelope.isObject() ? Optional.of(List.of(json.treeToValue(envelope, io.herald.core.tracking.TrackJob.class))) : Optional.empty();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Optional.empty();
            }
        }
    }

    /** An Error, not an exception: nothing in the send step catches it, as nothing survives a killed process. */
    public static class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }
}
