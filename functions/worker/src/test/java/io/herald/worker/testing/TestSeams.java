package io.herald.worker.testing;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.SegmentCatalog;
import io.herald.core.campaign.SendingSetup;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.campaign.sending.Audience;
import io.herald.core.campaign.sending.ContentSource;
import io.herald.core.campaign.sending.SendFailureHook;
import io.herald.core.campaign.sending.SenderProfile;
import io.herald.core.campaign.sending.SuppressionList;
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
 * Test stand-ins for the seams whose owners' services are not on this branch yet (segments, suppressions, campaign
 * content, sender settings), plus the crash hook. Herald's store and queues are the real ones.
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

    /** Suppressed addresses, per tenant. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class Suppressed implements SuppressionList {
        public static final Set<String> ADDRESSES = ConcurrentHashMap.newKeySet();

        @Override
        public boolean isSuppressed(String tenantId, String email) {
            return ADDRESSES.contains(tenantId + "|" + email.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One fixed content per variant, with a merge field; ready once prepared. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FixedContent implements ContentSource {
        public static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();

        @Override
        public String groupKey(Campaign campaign, Contact contact) {
            return "en";
        }

        @Override
        public Prepared prepare(Campaign campaign, String groupKey, String variantId) {
            PREPARED.add(campaign.id() + "|" + groupKey + "|" + variantId);
            return Prepared.ready(content(campaign, groupKey, variantId));
        }

        @Override
        public Optional<CampaignContent> ready(Campaign campaign, String groupKey, String variantId) {
            return PREPARED.contains(campaign.id() + "|" + groupKey + "|" + variantId)
                    ? Optional.of(content(campaign, groupKey, variantId)) : Optional.empty();
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
        public Optional<String> postalAddress(String tenantId) {
            return Optional.of(POSTAL);
        }

        @Override
        public List<String> linkDomains(String tenantId) {
            return List.of("shop.example.com", "herald.test.example");
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

    /** An Error, not an exception: nothing in the send step catches it, as nothing survives a killed process. */
    public static class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }
}
