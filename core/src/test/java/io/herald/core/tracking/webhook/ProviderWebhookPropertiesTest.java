package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import static io.herald.core.tracking.webhook.WebhookFixtures.MAILGUN_KEY;
import static io.herald.core.tracking.webhook.WebhookFixtures.account;
import static io.herald.core.tracking.webhook.WebhookFixtures.bytes;
import static io.herald.core.tracking.webhook.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever arrives, {@code receive} answers an outcome or throws {@link WebhookRejected} (a 4xx), never anything else
 * (a 5xx); and a body changed after it was signed is never accepted.
 */
class ProviderWebhookPropertiesTest {

    private static final Instant SENDGRID_NOW = Instant.ofEpochSecond(1513299569);
    private static final String SENDGRID_TS = String.valueOf(SENDGRID_NOW.getEpochSecond());
    private static final List<String> SENDGRID = List.of("sendgrid-events.json", "sendgrid-click-custom-args.json",
            "sendgrid-open-machine-vs-human.json", "sendgrid-edge-duplicates-unknown-asyncbounce.json", "sendgrid-signed-vector1.payload.bin");
    private static final List<String> MAILGUN = List.of("mailgun-delivered.json", "mailgun-clicked.json", "mailgun-complained.json",
            "mailgun-opened.json", "mailgun-unsubscribed.json", "mailgun-failed-temporary.json", "mailgun-failed-permanent-suppress-bounce.json",
            "mailgun-failed-permanent-delayed-bounce.json", "mailgun-doc-envelope-unknown-key.json");
    private static final List<String> POSTMARK = List.of("postmark-bounce.json", "postmark-click.json", "postmark-delivery.json",
            "postmark-open.json", "postmark-spam-complaint.json", "postmark-subscription-change.json");

    private final KeyPair keys = WebhookFixtures.ecKeyPair();
    private final SendGridWebhook sendGrid = new SendGridWebhook(Duration.ofMinutes(10));
    private final ProviderCredentials sendGridAccount = account(ProviderKind.sendgrid, SendGridWebhook.KEY, WebhookFixtures.publicKeyBase64(keys));
    private final ProviderCredentials mailgunAccount = account(ProviderKind.mailgun, MailgunWebhook.KEY, MAILGUN_KEY);
    private final PostmarkWebhook postmark = new PostmarkWebhook();
    private final ProviderCredentials postmarkAccount = account(ProviderKind.postmark, PostmarkWebhook.USERNAME, "postmark-hooks",
            PostmarkWebhook.PASSWORD, PostmarkWebhook.class.getName());

    /** A fixture's bytes changed one of three ways. */
    record Mutation(String fixture, String kind, Function<byte[], byte[]> change) {
        byte[] apply() {
            return change.apply(bytes(fixture));
        }

        @Override
        public String toString() {
            return kind + " of " + fixture;
        }
    }

    // ---- SendGrid ----

    @Property(tries = 150)
    void sendGridRandomBytesSignedOrNotNeverEscape(@ForAll("randomBodies") byte[] body, @ForAll boolean signed) {
        String signature = signed ? WebhookFixtures.sendGridSignature(keys, SENDGRID_TS, body) : "MEUCIQ" + "A".repeat(90);
        WebhookRequest request = request(body, SENDGRID_NOW, SendGridWebhook.SIGNATURE, signature, SendGridWebhook.TIMESTAMP, SENDGRID_TS);
        if (signed) {
            onlyRejections(() -> sendGrid.receive(request, sendGridAccount));
        } else {
            assertThatThrownBy(() -> sendGrid.receive(request, sendGridAccount)).isInstanceOf(WebhookRejected.class);
        }
    }

    @Property(tries = 200)
    void sendGridMutatedFixturesSignedAfterwardsNeverEscape(@ForAll("sendGridMutations") Mutation mutation) {
        byte[] body = mutation.apply();
        WebhookRequest request = request(body, SENDGRID_NOW, SendGridWebhook.SIGNATURE,
                WebhookFixtures.sendGridSignature(keys, SENDGRID_TS, body), SendGridWebhook.TIMESTAMP, SENDGRID_TS);
        onlyRejections(() -> sendGrid.receive(request, sendGridAccount));
    }

    @Property(tries = 200)
    void sendGridBodiesChangedAfterSigningAreNeverAccepted(@ForAll("sendGridMutations") Mutation mutation) {
        byte[] original = bytes(mutation.fixture());
        byte[] body = mutation.apply();
        Assume.that(!Arrays.equals(original, body));
        WebhookRequest request = request(body, SENDGRID_NOW, SendGridWebhook.SIGNATURE,
                WebhookFixtures.sendGridSignature(keys, SENDGRID_TS, original), SendGridWebhook.TIMESTAMP, SENDGRID_TS);
        assertThatThrownBy(() -> sendGrid.receive(request, sendGridAccount)).isInstanceOf(WebhookRejected.class);
    }

    // ---- Mailgun ----

    @Property(tries = 150)
    void mailgunRandomBytesAreAlwaysRefused(@ForAll("randomBodies") byte[] body) {
        MailgunWebhook mailgun = new MailgunWebhook(Duration.ofMinutes(10), new WebhookFixtures.MemoryReplays());
        assertThatThrownBy(() -> mailgun.receive(request(body, Instant.ofEpochSecond(1529692199)), mailgunAccount))
                .isInstanceOf(WebhookRejected.class);
    }

    @Property(tries = 200)
    void mailgunMutatedFixturesNeverEscape(@ForAll("mailgunMutations") Mutation mutation) {
        MailgunWebhook mailgun = new MailgunWebhook(Duration.ofMinutes(10), new WebhookFixtures.MemoryReplays());
        onlyRejections(() -> mailgun.receive(request(mutation.apply(), mailgunTime(mutation.fixture())), mailgunAccount));
    }

    /**
     * Mailgun signs only timestamp + token, so what stops a changed event is the token: once the genuine request has
     * been received, the same token with any other content is refused, and a change to the signed fields fails the HMAC.
     */
    @Property(tries = 200)
    void mailgunContentChangedUnderAUsedTokenIsNeverAccepted(@ForAll("mailgunMutations") Mutation mutation) {
        Assume.that(!mutation.fixture().contains("unknown-key"));
        MailgunWebhook mailgun = new MailgunWebhook(Duration.ofMinutes(10), new WebhookFixtures.MemoryReplays());
        Instant now = mailgunTime(mutation.fixture());
        WebhookOutcome genuine = mailgun.receive(request(bytes(mutation.fixture()), now), mailgunAccount);
        WebhookOutcome mutated;
        try {
            mutated = mailgun.receive(request(mutation.apply(), now), mailgunAccount);
        } catch (WebhookRejected refused) {
            return;
        }
        // Accepted only as the same content again (whitespace or an equal re-serialization): the same events.
        assertThat(mutated).isEqualTo(genuine);
    }

    // ---- Postmark ----

    @Property(tries = 150)
    void postmarkRandomBytesNeverEscapeAndWithoutCredentialsAreRefused(@ForAll("randomBodies") byte[] body) {
        onlyRejections(() -> postmark.receive(PostmarkWebhookTest.authenticatedAs(body, "postmark-hooks", PostmarkWebhook.class.getName()), postmarkAccount));
        assertThatThrownBy(() -> postmark.receive(PostmarkWebhookTest.authenticatedAs(body, "postmark-hooks", "guess"), postmarkAccount))
                .isInstanceOf(WebhookRejected.class);
    }

    @Property(tries = 200)
    void postmarkMutatedFixturesNeverEscape(@ForAll("postmarkMutations") Mutation mutation) {
        byte[] body = mutation.apply();
        onlyRejections(() -> postmark.receive(PostmarkWebhookTest.authenticatedAs(body, "postmark-hooks", PostmarkWebhook.class.getName()), postmarkAccount));
        assertThatThrownBy(() -> postmark.receive(PostmarkWebhookTest.authenticatedAs(body, "postmark-hooks", ""), postmarkAccount))
                .isInstanceOf(WebhookRejected.class);
    }

    // ---- generators ----

    @Provide
    Arbitrary<byte[]> randomBodies() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("[]{}\":,0123456789.-eEtrufalsn \\/abc").ofMaxLength(300)
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, jsonish);
    }

    @Provide
    Arbitrary<Mutation> sendGridMutations() {
        return mutations(SENDGRID);
    }

    @Provide
    Arbitrary<Mutation> mailgunMutations() {
        return mutations(MAILGUN);
    }

    @Provide
    Arbitrary<Mutation> postmarkMutations() {
        return mutations(POSTMARK);
    }

    private static Arbitrary<Mutation> mutations(List<String> fixtures) {
        Arbitrary<String> fixture = Arbitraries.of(fixtures);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> flip = Arbitraries.integers().between(1, 255);
        return Arbitraries.oneOf(
                Combinators.combine(fixture, where, flip).as((name, at, mask) -> new Mutation(name, "byte flipped at " + at,
                        body -> {
                            byte[] changed = body.clone();
                            int index = (int) Math.min(changed.length - 1, Math.floor(at * changed.length));
                            changed[index] ^= mask.byteValue();
                            return changed;
                        })),
                Combinators.combine(fixture, where).as((name, at) -> new Mutation(name, "truncated at " + at,
                        body -> Arrays.copyOf(body, (int) Math.floor(at * body.length)))),
                Combinators.combine(fixture, where).as((name, at) -> new Mutation(name, "field removed at " + at,
                        body -> removeField(body, at))));
    }

    /** Removes one field (anywhere in the tree, chosen by {@code at}) and writes the JSON back. */
    private static byte[] removeField(byte[] body, double at) {
        try {
            JsonNode root = WebhookFixtures.JSON.readTree(body);
            List<ObjectNode> parents = new ArrayList<>();
            List<String> names = new ArrayList<>();
            collect(root, parents, names);
            if (parents.isEmpty()) {
                return body;
            }
            int index = (int) Math.min(parents.size() - 1, Math.floor(at * parents.size()));
            parents.get(index).remove(names.get(index));
            return WebhookFixtures.JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> parents, List<String> names) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> fields = object.fieldNames(); fields.hasNext(); ) {
                String name = fields.next();
                parents.add(object);
                names.add(name);
                collect(object.get(name), parents, names);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> collect(child, parents, names));
        }
    }

    private static Instant mailgunTime(String fixture) {
        return Instant.ofEpochSecond(Long.parseLong(WebhookFixtures.json(fixture).path("signature").path("timestamp").asText()));
    }

    private static void onlyRejections(Runnable receive) {
        try {
            receive.run();
        } catch (WebhookRejected refused) {
            assertThat(refused.detail()).isNotBlank();
        }
    }
}
