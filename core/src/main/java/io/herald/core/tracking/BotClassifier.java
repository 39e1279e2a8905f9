package io.herald.core.tracking;

import io.herald.core.tracking.firstparty.FirstPartyIds;
import io.herald.core.tracking.firstparty.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Tells machine opens and clicks from people's, first match wins: a provider's own flag, a HEAD request, no user
 * agent, a known scanner or prefetcher user agent, Apple Mail Privacy Protection's proxy (opens: the bare
 * {@code Mozilla/5.0} agent it sends to Herald's pixel, or an address in a configured range), a click within seconds
 * of sending (either side: the send time is written after the provider answered), a
 * click that completes clicks on every link of the message within seconds. Every event keeps the verdict and the
 * reason; only opens and clicks are ever machine. Never throws: any evidence, however odd, gets a verdict.
 */
@ApplicationScoped
public class BotClassifier {

    /** What Apple's Mail Privacy Protection proxy sends as its whole user agent when it prefetches a message's images. */
    static final String APPLE_PROXY_AGENT = "Mozilla/5.0";

    private final BotRules rules;

    @Inject
    public BotClassifier(TrackingConfig config) {
        this(BotRules.of(config));
    }

    public BotClassifier(BotRules rules) {
        this.rules = rules;
    }

    /** With the default rules. */
    public BotClassifier() {
        this(BotRules.defaults());
    }

    public Classification classify(TrackedEvent event, MessageActivity activity) {
        if (event == null || (event.type() != EventType.open && event.type() != EventType.click)) {
            return Classification.human();
        }
        Evidence evidence = event.evidence();
        if (evidence.providerFlag() != null) {
            return Classification.machine("provider flag " + evidence.providerFlag());
        }
        if ("HEAD".equalsIgnoreCase(evidence.method())) {
            return Classification.machine("HEAD request");
        }
        String agent = evidence.userAgent() == null ? "" : evidence.userAgent().strip();
        boolean firstParty = evidence.method() != null;
        if (agent.isEmpty() && firstParty) {
            return Classification.machine("no user agent");
        }
        String lower = agent.toLowerCase(Locale.ROOT);
        for (String scanner : rules.scannerAgents()) {
            if (lower.contains(scanner)) {
                return Classification.machine("scanner user agent (" + scanner + ")");
            }
        }
        if (event.type() == EventType.open) {
            // Only Herald's own pixel sees the proxy's request as sent; a provider reports MPP with its own flag.
            if (firstParty && agent.equals(APPLE_PROXY_AGENT)) {
                return Classification.machine("Apple Mail Privacy Protection proxy (user agent " + APPLE_PROXY_AGENT + " alone)");
            }
            for (Cidr range : rules.appleProxyRanges()) {
                if (range.contains(evidence.ip())) {
                    return Classification.machine("Apple Mail Privacy Protection proxy (address in " + range + ")");
                }
            }
            return Classification.human();
        }
        MessageActivity known = activity == null ? new MessageActivity(null, null) : activity;
        Instant at = event.occurredAt();
        if (at != null && known.sentAt() != null && !rules.fastClick().isZero()) {
            Duration since = Duration.between(known.sentAt(), at);
            // sentAt is written once the provider answered, so a scanner's click can come a moment before it; a click
            // long before it means the times are not comparable, not that a machine clicked
            if (since.abs().compareTo(rules.fastClick()) < 0) {
                return Classification.machine("click " + Math.max(0, since.toSeconds()) + " s after sending");
            }
        }
        return allLinks(event, known);
    }

    /** A click that, with the message's earlier clicks within the window, covers every one of its links. */
    private Classification allLinks(TrackedEvent event, MessageActivity activity) {
        Integer count = event.detail().linkCount();
        Instant at = event.occurredAt();
        if (count == null || count < 2 || at == null || rules.allLinksWithin().isZero()) {
            return Classification.human();
        }
        Set<String> links = new HashSet<>();
        links.add(linkOf(event));
        Instant first = at;
        for (StoredEvent earlier : activity.earlier()) {
            TrackedEvent other = earlier == null ? null : earlier.event();
            if (other == null || other.type() != EventType.click || other.occurredAt() == null) {
                continue;
            }
            Duration apart = Duration.between(other.occurredAt(), at).abs();
            if (apart.compareTo(rules.allLinksWithin()) <= 0) {
                links.add(linkOf(other));
                first = other.occurredAt().isBefore(first) ? other.occurredAt() : first;
            }
        }
        links.remove(null);
        if (links.size() >= count) {
            return Classification.machine("clicked all " + count + " links within " + Duration.between(first, at).abs().toSeconds() + " s");
        }
        return Classification.human();
    }

    /** Which link a click followed: the index a first-party click id carries, else the URL. */
    private static String linkOf(TrackedEvent click) {
        OptionalInt index = FirstPartyIds.linkIndex(click.eventId());
        if (index.isPresent()) {
            return "#" + index.getAsInt();
        }
        return click.detail() == null || click.detail().url() == null ? null : "url:" + click.detail().url();
    }
}
