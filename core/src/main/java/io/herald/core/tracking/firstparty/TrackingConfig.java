package io.herald.core.tracking.firstparty;

import io.herald.core.tracking.BotRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** First-party open and click tracking, the bot rules that judge it, and conversion attribution. */
@ConfigMapping(prefix = "herald.tracking")
public interface TrackingConfig {

    /** Public base URL of the api serving {@code /t/o/<token>} and {@code /t/c/<token>} (HERALD_TRACKING_BASE_URL); herald.unsubscribe.base-url when unset. */
    Optional<String> baseUrl();

    /** Base64 of 32 random bytes that sign tracking tokens (HERALD_TRACKING_SIGNING_KEY); when neither it nor the parameter is set, a key derived from the unsubscribe key. */
    Optional<String> signingKey();

    /** Name of the SSM SecureString parameter holding that base64 key in AWS (HERALD_TRACKING_SIGNING_KEY_PARAMETER). */
    Optional<String> signingKeyParameter();

    /** A click this soon after the message was sent is a link scanner's, not a person's (HERALD_TRACKING_FAST_CLICK). */
    @WithDefault("PT10S")
    Duration fastClick();

    /** Clicks on every link of a message within this span are a scanner following each link (HERALD_TRACKING_ALL_LINKS_WITHIN). */
    @WithDefault("PT5S")
    Duration allLinksWithin();

    /** Lower-case fragments of user agents that belong to link scanners and prefetchers (HERALD_TRACKING_SCANNER_AGENTS, comma-separated). */
    @WithDefault(BotRules.DEFAULT_SCANNER_AGENTS_LIST)
    List<String> scannerAgents();

    /** CIDR ranges whose opens are Apple Mail Privacy Protection's proxy (HERALD_TRACKING_APPLE_PROXY_CIDRS, comma-separated); none by default: the user agent tells. */
    Optional<List<String>> appleProxyCidrs();

    /** How far back a conversion without click token or message id looks for the contact's last campaign message (HERALD_TRACKING_CONVERSION_WINDOW). */
    @WithDefault("P7D")
    Duration conversionWindow();

    /** Longest link rewritten for click tracking; a longer one is left as it is (HERALD_TRACKING_MAX_URL_LENGTH). */
    @WithDefault("2000")
    int maxUrlLength();
}
