package io.herald.core.campaign.sending;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.contact.Contact;
import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Stand-ins for the seams until their capabilities provide them (audience, campaign content): the worker
 * refuses to plan or send unchecked, so a job fails and is redelivered rather than mailed past a check.
 */
final class Unwired {

    private Unwired() {
    }

    static HeraldException unavailable(String what) {
        return new HeraldException(HeraldException.Kind.UNAVAILABLE, "Not wired", "the " + what + " is not wired into the worker yet");
    }

    @DefaultBean
    @ApplicationScoped
    static class NoAudience implements Audience {
        @Override
        public AudiencePage matches(String tenantId, SegmentRef segment, String cursor, int limit) {
            throw unavailable("audience");
        }
    }

    @DefaultBean
    @ApplicationScoped
    static class NoContentSource implements ContentSource {
        @Override
        public String groupKey(Campaign campaign, Contact contact) {
            throw unavailable("campaign content");
        }

        @Override
        public Prepared prepare(Campaign campaign, String groupKey, String variantId) {
            throw unavailable("campaign content");
        }

        @Override
        public Optional<CampaignContent> ready(Campaign campaign, String groupKey, String variantId) {
            throw unavailable("campaign content");
        }
    }
}
