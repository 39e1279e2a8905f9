package io.herald.core.tracking;

import io.herald.core.tracking.firstparty.FirstPartyIds;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each machine signal, its reason, and people left as people. */
class BotClassifierTest {

    private static final Instant SENT = Instant.parse("2030-06-14T09:00:00Z");
    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    private static final BotClassifier CLASSIFIER = new BotClassifier(new BotRules(BotRules.DEFAULT_SCANNER_AGENTS,
            List.of(Cidr.parse("17.0.0.0/8"), Cidr.parse("2620:149::/32")), Duration.ofSeconds(10), Duration.ofSeconds(5)));

    private static Evidence request(String method, String agent, String ip) {
        return new Evidence(agent, ip, method, null);
    }

    private static TrackedEvent open(Evidence evidence, Instant at) {
        return new TrackedEvent(FirstPartyIds.open("m-1", at, evidence), EventType.open, at, new MessageRef("m-1", "acme", null, null, null),
                evidence, EventDetail.none());
    }

    private static TrackedEvent click(int link, int count, Evidence evidence, Instant at) {
        return new TrackedEvent(FirstPartyIds.click("m-1", link, at, evidence), EventType.click, at,
                new MessageRef("m-1", "acme", null, null, null), evidence,
                new EventDetail(null, "https://shop.example.com/" + link, null, count, null, null));
    }

    private static StoredEvent stored(TrackedEvent event) {
        return new StoredEvent(event, null, Classification.human(), false, event.occurredAt());
    }

    private static Classification classify(TrackedEvent event, TrackedEvent... earlier) {
        return CLASSIFIER.classify(event, new MessageActivity(SENT, java.util.Arrays.stream(earlier).map(BotClassifierTest::stored).toList()));
    }

    @Example
    void aPersonOpeningAndClickingLaterIsHuman() {
        Evidence person = request("GET", SAFARI, "203.0.113.9");
        assertThat(classify(open(person, SENT.plusSeconds(600)))).isEqualTo(Classification.human());
        assertThat(classify(click(0, 3, person, SENT.plusSeconds(700)))).isEqualTo(Classification.human());
    }

    @Example
    void aProviderFlagIsMachine() {
        TrackedEvent flagged = open(new Evidence(SAFARI, null, null, "sg_machine_open"), SENT.plusSeconds(600));
        assertThat(classify(flagged)).isEqualTo(Classification.machine("provider flag sg_machine_open"));
    }

    @Example
    void aHeadRequestIsMachine() {
        assertThat(classify(click(0, 3, request("HEAD", SAFARI, "203.0.113.9"), SENT.plusSeconds(600))))
                .isEqualTo(Classification.machine("HEAD request"));
        assertThat(classify(open(request("head", SAFARI, "203.0.113.9"), SENT.plusSeconds(600))).reason()).isEqualTo("HEAD request");
    }

    @Example
    void aKnownScannerAgentIsMachine() {
        Classification verdict = classify(click(0, 3, request("GET", "Mozilla/5.0 (compatible; Barracuda Sentinel)", "198.51.100.1"), SENT.plusSeconds(900)));
        assertThat(verdict).isEqualTo(Classification.machine("scanner user agent (barracuda)"));
        assertThat(classify(click(0, 3, request("GET", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66.1"),
                SENT.plusSeconds(900))).isMachine()).isTrue();
        assertThat(classify(click(0, 3, request("GET", "", "198.51.100.1"), SENT.plusSeconds(900))).reason()).isEqualTo("no user agent");
    }

    @Example
    void gmailsImageProxyAndPhonesWithBotInTheirNameArePeople() {
        // Gmail fetches the pixel through its proxy when the person opens the message: a human open.
        assertThat(classify(open(request("GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.84.1"),
                SENT.plusSeconds(900)))).isEqualTo(Classification.human());
        assertThat(classify(click(0, 3, request("GET", "Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
                "203.0.113.9"), SENT.plusSeconds(900)))).isEqualTo(Classification.human());
    }

    @Example
    void theScannerListIsConfigurable() {
        BotClassifier custom = new BotClassifier(new BotRules(List.of("AcmeScan"), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        MessageActivity activity = new MessageActivity(SENT, List.of());
        assertThat(custom.classify(click(0, 1, request("GET", "AcmeScan/2.0", "198.51.100.1"), SENT.plusSeconds(900)), activity).reason())
                .isEqualTo("scanner user agent (acmescan)");
        assertThat(custom.classify(click(0, 1, request("GET", "Barracuda", "198.51.100.1"), SENT.plusSeconds(900)), activity).isMachine()).isFalse();
    }

    @Example
    void applesPrivacyProxyOpensAreMachine() {
        assertThat(classify(open(request("GET", "Mozilla/5.0", "203.0.113.9"), SENT.plusSeconds(30))))
                .isEqualTo(Classification.machine("Apple Mail Privacy Protection proxy (user agent Mozilla/5.0 alone)"));
        assertThat(classify(open(request("GET", SAFARI, "17.58.100.4"), SENT.plusSeconds(30))))
                .isEqualTo(Classification.machine("Apple Mail Privacy Protection proxy (address in 17.0.0.0/8)"));
        assertThat(classify(open(request("GET", SAFARI, "2620:149:a:1::7"), SENT.plusSeconds(30))).reason())
                .isEqualTo("Apple Mail Privacy Protection proxy (address in 2620:149::/32)");
        assertThat(classify(open(request("GET", SAFARI, "18.0.0.1"), SENT.plusSeconds(30))).isMachine()).isFalse();
        assertThat(classify(open(new Evidence("Mozilla/5.0", null, null, null), SENT.plusSeconds(30))).isMachine())
                .as("a provider's open reports MPP with its own flag; its user agent may be shortened").isFalse();
        assertThat(classify(click(0, 3, request("GET", SAFARI, "17.58.100.4"), SENT.plusSeconds(600))).isMachine())
                .as("a click from Apple's network is a person on it").isFalse();
    }

    @Example
    void aClickWithinSecondsOfSendingIsMachine() {
        Evidence browser = request("GET", SAFARI, "203.0.113.9");
        assertThat(classify(click(0, 3, browser, SENT.plusSeconds(3)))).isEqualTo(Classification.machine("click 3 s after sending"));
        assertThat(classify(click(0, 3, browser, SENT.plusSeconds(10))).isMachine()).isFalse();
        assertThat(classify(click(0, 3, browser, SENT.minusSeconds(2))).reason())
                .as("the send time is written after the provider answered: a scanner may click a moment before it").isEqualTo("click 0 s after sending");
        assertThat(classify(click(0, 3, browser, SENT.minusSeconds(3600))).isMachine()).as("times that do not compare").isFalse();
        assertThat(CLASSIFIER.classify(click(0, 3, browser, SENT.plusSeconds(3)), new MessageActivity(null, List.of())).isMachine())
                .as("without a send time there is nothing to measure").isFalse();
    }

    @Example
    void aClickThatCompletesEveryLinkWithinSecondsIsMachine() {
        Evidence browser = request("GET", SAFARI, "198.51.100.7");
        Instant at = SENT.plusSeconds(3600);
        TrackedEvent first = click(0, 3, browser, at);
        TrackedEvent second = click(1, 3, browser, at.plusSeconds(1));
        TrackedEvent third = click(2, 3, browser, at.plusSeconds(2));
        assertThat(classify(second, first).isMachine()).isFalse();
        assertThat(classify(third, first, second)).isEqualTo(Classification.machine("clicked all 3 links within 2 s"));
        assertThat(classify(click(2, 3, browser, at.plusSeconds(60)), first, second).isMachine())
                .as("the last link a minute later is a person reading on").isFalse();
        assertThat(classify(click(1, 3, browser, at.plusSeconds(2)), first, second).isMachine())
                .as("the same link twice is not every link").isFalse();
        assertThat(classify(click(0, 1, browser, at)).isMachine()).as("a message with one link").isFalse();
    }

    @Example
    void onlyOpensAndClicksAreEverMachine() {
        TrackedEvent bounce = new TrackedEvent("ses:x", EventType.bounce, SENT, new MessageRef("m-1", "acme", null, null, null),
                new Evidence("curl/8", null, "HEAD", "flag"), EventDetail.none());
        assertThat(CLASSIFIER.classify(bounce, null)).isEqualTo(Classification.human());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), Arbitraries.just(null), Arbitraries.of("HEAD", "GET", "Mozilla/5.0",
                "17.1.2.3", "::1", "::ffff:17.0.0.1", "999.1.1.1", "a:b", "click:m:x:1:h", "click::-1:1:h"));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Instant::ofEpochSecond), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<TrackedEvent> events() {
        Arbitrary<Evidence> evidence = Combinators.combine(texts(), texts(), texts(), texts()).as(Evidence::new);
        Arbitrary<EventDetail> detail = Combinators.combine(texts(), Arbitraries.integers().between(-5, 5).injectNull(0.2))
                .as((url, count) -> new EventDetail(null, url, null, count, null, null));
        return Combinators.combine(texts(), Arbitraries.of(EventType.class), instants(), evidence, detail)
                .as((id, type, at, e, d) -> new TrackedEvent(id, type, at, null, e, d));
    }

    @Property(tries = 1000)
    void classifyNeverThrowsForArbitraryEvidence(@ForAll("events") TrackedEvent event, @ForAll("instants") Instant sentAt,
            @ForAll("events") TrackedEvent earlier, @ForAll("events") TrackedEvent another) {
        List<StoredEvent> history = new ArrayList<>();
        history.add(new StoredEvent(earlier, null, null, false, null));
        history.add(new StoredEvent(another, null, null, true, null));
        history.add(new StoredEvent(null, null, null, false, null));
        Classification verdict = CLASSIFIER.classify(event, new MessageActivity(sentAt, history));
        assertThat(verdict).isNotNull();
        assertThat(verdict.reason()).isNotBlank();
        assertThat(CLASSIFIER.classify(event, null)).isNotNull();
    }
}
