package io.herald.core.tracking;

import io.herald.core.tracking.firstparty.TrackingConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The thresholds and lists the {@link BotClassifier} judges by, from {@code herald.tracking} (or fixed, in tests).
 *
 * @param scannerAgents lower-case fragments of scanner and prefetcher user agents
 * @param appleProxyRanges CIDR ranges of Apple Mail Privacy Protection's proxy; none by default
 * @param fastClick a click sooner than this after sending is machine
 * @param allLinksWithin clicks on every link of a message within this span are machine
 */
public record BotRules(List<String> scannerAgents, List<Cidr> appleProxyRanges, Duration fastClick, Duration allLinksWithin) {

    /*
     * Not GoogleImageProxy: Gmail fetches images through it when the person opens the message, so its opens are a
     * person's (unlike Apple's privacy proxy, which prefetches). Not a bare "bot" either: it is inside ordinary
     * phone names (CUBOT); crawlers name themselves "...bot/2.1" or "...bot;" and link "+http://" to their page.
     */
    /** The default scanner list, as {@link TrackingConfig}'s default takes it (one copy for both). */
    public static final String DEFAULT_SCANNER_AGENTS_LIST = "barracuda,mimecast,proofpoint,symantec,messagelabs,bot/,bot;,bot),+http,"
            + "crawler,spider,python-requests,curl/,wget,headlesschrome,go-http-client,okhttp,java/,libwww-perl,scanner,safelinks";
    public static final List<String> DEFAULT_SCANNER_AGENTS = List.of(DEFAULT_SCANNER_AGENTS_LIST.split(","));

    public BotRules {
        scannerAgents = scannerAgents == null ? List.of() : scannerAgents.stream().filter(Objects::nonNull).map(String::strip)
                .filter(agent -> !agent.isEmpty()).map(agent -> agent.toLowerCase(Locale.ROOT)).toList();
        appleProxyRanges = appleProxyRanges == null ? List.of() : List.copyOf(appleProxyRanges);
        fastClick = fastClick == null ? Duration.ZERO : fastClick;
        allLinksWithin = allLinksWithin == null ? Duration.ZERO : allLinksWithin;
    }

    public static BotRules defaults() {
        return new BotRules(DEFAULT_SCANNER_AGENTS, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** The rules of a deployment; an unparseable CIDR fails at startup, not silently at the first open. */
    public static BotRules of(TrackingConfig config) {
        return new BotRules(config.scannerAgents(), config.appleProxyCidrs().orElse(List.of()).stream()
                .filter(range -> !range.isBlank()).map(Cidr::parse).toList(), config.fastClick(), config.allLinksWithin());
    }
}
