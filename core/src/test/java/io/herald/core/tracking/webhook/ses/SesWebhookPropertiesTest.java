package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.tracking.webhook.WebhookRejected;
import io.herald.core.tracking.webhook.WebhookRequest;
import io.herald.core.tracking.webhook.sns.SnsTestKit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.herald.core.tracking.webhook.sns.SnsTestKit.FIXTURE_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives, the SES webhook answers an outcome or a {@link WebhookRejected}, never another exception (which
 * would be a 500, and SNS would retry it), and the queue decoder never throws at all.
 */
class SesWebhookPropertiesTest {

    static final List<String> SIGNED = List.of("ses-sns-bounce.json", "ses-sns-click.json", "ses-sns-complaint.json", "ses-sns-delivery.json",
            "ses-sns-open.json", "ses-sns-reject.json", "ses-sns-send.json", "sns-subscription-confirmation-signed-test.json",
            "sns-subscription-confirmation-evil-urls.json", "sns-notification-doc.json", "sns-subscription-confirmation.json",
            "sns-unsubscribe-confirmation.json");
    static final List<String> RECORDS = List.of("ses-event-bounce.json", "ses-event-click.json", "ses-event-complaint.json",
            "ses-event-delivery.json", "ses-event-open.json", "ses-event-reject.json", "ses-event-send.json");

    final SnsTestKit.FakeSnsHttp http = new SnsTestKit.FakeSnsHttp();
    final SesWebhook webhook = SesWebhookTest.webhook(http);
    final SesQueueEvents queue = new SesQueueEvents(Clock.fixed(SesWebhookTest.NOW, ZoneOffset.UTC));

    @Property(tries = 300)
    void randomBytesAreRefusedOrAccepted(@ForAll byte[] body) {
        receiveSafely(body);
        queue.decode(new String(body, StandardCharsets.UTF_8));
    }

    @Property(tries = 400)
    void mutatedFixturesAreRefusedOrAccepted(@ForAll("mutated") byte[] body) {
        receiveSafely(body);
        queue.decode(new String(body, StandardCharsets.UTF_8));
        assertThat(http.requests).as("nothing but SNS's hosts is ever asked")
                .allMatch(url -> url.matches("https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*"));
    }

    @Property(tries = 400)
    void sesRecordsWithValuesOfAnyTypeParseWithoutThrowing(@ForAll("reshaped") JsonNode record) {
        SesEvents.parse(record, SesWebhookTest.NOW);
        queue.decode(record.toString());
        byte[] signed = SnsTestKit.notification(FIXTURE_TOPIC, record, "sns-prop");
        assertThat(receiveSafely(signed)).as("a signed notification of the topic is always accepted").isTrue();
    }

    private boolean receiveSafely(byte[] body) {
        try {
            webhook.receive(new WebhookRequest("acme", Map.of("Content-Type", "text/plain; charset=UTF-8"), body, SesWebhookTest.NOW),
                    SesWebhookTest.account(FIXTURE_TOPIC));
            return true;
        } catch (WebhookRejected expected) {
            return false;
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> fixtures = Arbitraries.of(SIGNED).map(SnsTestKit::fixture);
        return Combinators.combine(fixtures, Arbitraries.integers().between(0, 100_000), Arbitraries.bytes(),
                Arbitraries.of("replace", "delete", "insert", "truncate")).as((body, at, value, how) -> {
                    int i = at % body.length;
                    return switch (how) {
                        case "replace" -> {
                            byte[] copy = Arrays.copyOf(body, body.length);
                            copy[i] = value;
                            yield copy;
                        }
                        case "delete" -> concat(Arrays.copyOfRange(body, 0, i), Arrays.copyOfRange(body, i + 1, body.length));
                        case "insert" -> concat(Arrays.copyOfRange(body, 0, i), new byte[]{value}, Arrays.copyOfRange(body, i, body.length));
                        default -> Arrays.copyOf(body, i);
                    };
                });
    }

    /** An SES record with one field anywhere in it replaced by a value of another JSON type. */
    @Provide
    Arbitrary<JsonNode> reshaped() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> values = Arbitraries.of(nodes.nullNode(), nodes.numberNode(7), nodes.textNode(""), nodes.textNode("x"),
                nodes.booleanNode(true), nodes.arrayNode(), nodes.objectNode(), nodes.arrayNode().add(nodes.objectNode()).add(1),
                nodes.textNode("not-a-time"), nodes.textNode("Permanent"), nodes.textNode("Open"));
        return Combinators.combine(Arbitraries.of(RECORDS), Arbitraries.integers().between(0, 10_000), values).as((name, at, value) -> {
            ObjectNode record = SnsTestKit.json(name);
            List<JsonNode> containers = new ArrayList<>();
            collect(record, containers);
            JsonNode container = containers.get(at % containers.size());
            if (container instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                object.set(names.get(at % names.size()), value);
            } else if (container instanceof ArrayNode array && array.size() > 0) {
                array.set(at % array.size(), value);
            }
            return record;
        });
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
