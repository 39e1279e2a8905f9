package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.contact.Contact;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.GeneratedContent;
import io.herald.core.content.PromptUsed;
import io.herald.core.content.Source;
import io.herald.core.content.Variant;
import io.herald.core.delivery.UnsubscribeHeaders;
import io.herald.core.tenant.TrackingSettings;
import io.herald.core.tracking.firstparty.EmailTracking;
import io.herald.core.tracking.firstparty.TrackingLinks;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-send checks judge the real links, before the tracking rewrite: a link off the allowlist is refused even
 * though, once rewritten, every link would point at Herald's own tracking host.
 */
class MessageComposerTrackingTest {

    private static final URI UNSUBSCRIBE = URI.create("https://t.herald.example/u/tok3n");
    private static final String POSTAL = "Acme Ltd\n1 Market Street\nLondon";
    private static final TrackingLinks LINKS = new TrackingLinks("https://t.herald.example", key());
    private static final Campaign CAMPAIGN = new Campaign("camp-1", "acme", "Spring", Channel.email, CampaignStatus.running,
            new Brief("Spring", "Spring", "https://shop.example.com/spring", null, "en"), List.of(new VariantSpec("a", null, null)), null,
            new Sender("news@acme.example", null), null, null, null, null, 60, null, null, null, null, null);
    private static final Contact ADA = new Contact("c-1", "ada@example.org", null, null, "en", Map.of(), null, null);

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static CampaignContent content(String html) {
        Variant variant = new Variant(0, "Spring", "New arrivals", html, "See the range: https://shop.example.com/spring",
                null, null, null, null, null, null, null, List.of());
        GeneratedContent generated = new GeneratedContent("gc-1", null, Channel.email, null, CAMPAIGN.brief(), List.of(variant), true,
                Source.template, null, null, new PromptUsed("email", 1, "hash-1"), null, null, null, null, 0, null, Instant.EPOCH);
        return new CampaignContent("cc-1", CAMPAIGN.id(), "en", "a", "cache", null, List.<MergeField>of(), null, generated, Instant.EPOCH);
    }

    private static MessageComposer.Composed compose(String html, List<String> linkDomains) {
        SenderProfile.Profile sender = new SenderProfile.Profile(POSTAL, "Acme", linkDomains, TrackingSettings.defaults());
        return MessageComposer.compose(CAMPAIGN, content(html), new ContentGroup("en", "en", null, null), ADA, ADA.email(), "m-1", UNSUBSCRIBE,
                new UnsubscribeHeaders("<" + UNSUBSCRIBE + ">", UnsubscribeHeaders.ONE_CLICK), sender, false,
                email -> EmailTracking.track(LINKS, email, UNSUBSCRIBE.toString(), sender.tracking(), Instant.now(), 2000));
    }

    @Test
    void aLinkOffTheAllowlistIsStillRefusedAndTheRefusedEmailIsNotRewritten() {
        MessageComposer.Composed composed = compose("<p>See <a href=\"https://evil.example.net/win\">this</a></p>",
                List.of("shop.example.com", "t.herald.example"));
        assertThat(composed.checks().passed()).isFalse();
        assertThat(composed.checks().describeFailures()).contains("https://evil.example.net/win");
        assertThat(composed.email().html()).contains("https://evil.example.net/win").doesNotContain("/t/c/", "/t/o/");
    }

    @Test
    void anAllowedEmailPassesAndGoesOutWithItsLinksTracked() {
        MessageComposer.Composed composed = compose("<p>See <a href=\"https://shop.example.com/spring\">the range</a></p>", List.of("shop.example.com"));
        assertThat(composed.checks().passed()).as(composed.checks().describeFailures()).isTrue();
        var html = Jsoup.parseBodyFragment(composed.email().html());
        assertThat(html.select("a[href^=https://t.herald.example/t/c/]")).hasSize(1);
        assertThat(html.select("a[href=" + UNSUBSCRIBE + "]")).hasSize(1);
        assertThat(html.select("img[src^=https://t.herald.example/t/o/]")).hasSize(1);
        assertThat(composed.email().text()).contains("https://shop.example.com/spring").contains(UNSUBSCRIBE.toString());
    }
}
