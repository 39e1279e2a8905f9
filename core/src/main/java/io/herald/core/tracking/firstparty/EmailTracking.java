package io.herald.core.tracking.firstparty;

import io.herald.core.delivery.OutboundEmail;
import io.herald.core.tenant.TrackingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * The send-time step of first-party tracking: the checked email in, the email as it goes to the provider out, its
 * HTML links signed into click redirects and the pixel appended, as the tenant's settings say. The plain-text part is
 * left alone: a reader sees its URLs, and a redirect URL there reads like phishing and breaks copy and paste.
 */
@ApplicationScoped
public class EmailTracking {

    private final TrackingLinks links;
    private final TrackingConfig config;
    private final Clock clock;

    public EmailTracking(TrackingLinks links, TrackingConfig config, Clock clock) {
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    public OutboundEmail track(OutboundEmail email, String unsubscribeUrl, TrackingSettings settings) {
        return track(links, email, unsubscribeUrl, settings, clock.instant(), config.maxUrlLength());
    }

    /** The rewrite itself, for callers (and tests) that hold their own links and clock. */
    public static OutboundEmail track(TrackingLinks links, OutboundEmail email, String unsubscribeUrl, TrackingSettings settings,
            Instant issuedAt, int maxUrlLength) {
        TrackingSettings tracking = settings == null ? TrackingSettings.defaults() : settings;
        if (!tracking.tracksOpens() && !tracking.tracksClicks()) {
            return email;
        }
        Instant second = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        TrackedHtml.ClickLinker linker = tracking.tracksClicks()
                ? (url, index, count) -> links.clickUrl(new ClickToken(email.tenantId(), email.messageId(), url, index, count, second))
                : null;
        String pixel = tracking.tracksOpens() ? links.openUrl(email.tenantId(), email.messageId()) : null;
        String html = TrackedHtml.rewrite(email.html(), unsubscribeUrl, linker, pixel, maxUrlLength, links.baseUrl());
        return new OutboundEmail(email.messageId(), email.tenantId(), email.from(), email.replyTo(), email.to(), email.subject(),
                html, email.text(), email.headers(), email.tags());
    }
}
