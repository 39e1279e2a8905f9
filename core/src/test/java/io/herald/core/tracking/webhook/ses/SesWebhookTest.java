package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackedEvent;
import io.herald.core.tracking.webhook.WebhookOutcome;
import io.herald.core.tracking.webhook.WebhookRejected;
import io.herald.core.tracking.webhook.WebhookRequest;
import io.herald.core.tracking.webhook.sns.SigningCertificates;
import io.herald.core.tracking.webhook.sns.SnsHttp;
import io.herald.core.tracking.webhook.sns.SnsSubscriptions;
import io.herald.core.tracking.webhook.sns.SnsTestKit;
import io.herald.core.tracking.webhook.sns.SnsTestKit.FakeSnsHttp;
import io.herald.core.tracking.webhook.sns.SnsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.herald.core.tracking.webhook.sns.SnsTestKit.FIXTURE_TOPIC;
import static io.herald.core.tracking.webhook.sns.SnsTestKit.TEST_CERT_URL;
import static io.herald.core.tracking.webhook.sns.SnsTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SNS fixture with its documented outcome, through the webhook as the receiver calls it. */
class SesWebhookTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    static final String SUBSCRIBE_URL = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:ses-events&Token=2336412f37fb687f5d51e6e2425c464de12884c3a5f7e3b0f6e3f8d3c0b3a8e4e7";

    final FakeSnsHttp http = new FakeSnsHttp();
    final SesWebhook webhook = webhook(http);

    static SesWebhook webhook(SnsHttp http) {
        return new SesWebhook(new SnsVerifier(new SigningCertificates(http, SnsTestKit.config())), new SnsSubscriptions(http));
    }

    static ProviderCredentials account(String topic) {
        Map<String, String> values = new HashMap<>();
        values.put("region", "us-east-1");
        if (topic != null) {
            values.put("snsTopicArn", topic);
        }
        return new ProviderCredentials(ProviderKind.ses, values);
    }

    WebhookOutcome receive(byte[] body, String topic) {
        return receive(body, topic, Map.of("Content-Type", "text/plain; charset=UTF-8"));
    }

    WebhookOutcome receive(byte[] body, String topic, Map<String, String> headers) {
        return webhook.receive(new WebhookRequest("acme", headers, body, NOW), account(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ses-sns-bounce.json", "ses-sns-click.json", "ses-sns-complaint.json", "ses-sns-delivery.json",
            "ses-sns-open.json", "ses-sns-reject.json", "ses-sns-send.json"})
    void selfSignedNotificationsVerifyWithTheTestCertificate(String name) {
        WebhookOutcome outcome = receive(fixture(name), FIXTURE_TOPIC);
        assertThat(outcome.events().size() + outcome.ignored().size()).isEqualTo(1);
        assertThat(http.requests).containsExactly(TEST_CERT_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ses-sns-bounce.json", "ses-sns-send.json", "sns-subscription-confirmation-signed-test.json"})
    void oneChangedByteFailsTheSignature(String name) {
        byte[] body = fixture(name);
        String text = new String(body, StandardCharsets.UTF_8);
        // a byte inside a signed value: the SES message id (notifications) or the token (the confirmation)
        int at = text.contains("EXAMPLE7c191be45") ? text.indexOf("EXAMPLE7c191be45") + 8 : text.indexOf("\"Token\": \"") + 12;
        byte[] changed = Arrays.copyOf(body, body.length);
        changed[at] = (byte) (changed[at] == '1' ? '2' : '1');
        assertThatThrownBy(() -> receive(changed, FIXTURE_TOPIC)).isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED))
                .hasMessageContaining("signature does not match");
        assertThat(http.requests).as("the certificate only: no confirmation for a forged message").containsExactly(TEST_CERT_URL);
    }

    @Test
    void aChangedSignatureByteFailsToo() {
        ObjectNode message = SnsTestKit.json("ses-sns-delivery.json");
        char[] signature = message.get("Signature").textValue().toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        message.put("Signature", new String(signature));
        assertThatThrownBy(() -> receive(message.toString().getBytes(StandardCharsets.UTF_8), FIXTURE_TOPIC))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("signature does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns-notification-doc.json", "sns-subscription-confirmation.json", "sns-unsubscribe-confirmation.json"})
    void theDocExamplesWithFakeSignaturesFail(String name) {
        // Their real SNS certificate URL passes the allowlist; what the fake network serves there is no certificate.
        assertThatThrownBy(() -> receive(fixture(name), "arn:aws:sns:us-west-2:123456789012:MyTopic"))
                .isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED));
        assertThat(http.requests).as("no confirmation GET").allMatch(url -> url.endsWith(".pem"));
    }

    @Test
    void theDocExamplesFailEvenWithAGenuineCertificateAtTheirUrl() {
        http.answers.put("https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
                new SnsHttp.Answer(200, fixture("sns-test-signing-cert.pem")));
        for (String name : List.of("sns-notification-doc.json", "sns-subscription-confirmation.json", "sns-unsubscribe-confirmation.json")) {
            assertThatThrownBy(() -> receive(fixture(name), "arn:aws:sns:us-west-2:123456789012:MyTopic"))
                    .isInstanceOf(WebhookRejected.class).hasMessageContaining("ignature");
        }
        assertThat(http.requests).allMatch(url -> url.endsWith(".pem"));
    }

    @Test
    void aCertificateHostOfAnotherRegionThanTheTopicIsNeverAsked() {
        // sns.s3.amazonaws.com passes the host pattern, but it is an S3 bucket's name, and SNS signs with its topic's region
        for (String host : List.of("sns.s3.amazonaws.com", "sns.eu-west-1.amazonaws.com")) {
            ObjectNode message = SnsTestKit.json("ses-sns-delivery.json");
            message.put("SigningCertURL", "https://" + host + "/SimpleNotificationService-0000000000000000000000000000test.pem");
            assertThatThrownBy(() -> receive(message.toString().getBytes(StandardCharsets.UTF_8), FIXTURE_TOPIC))
                    .isInstanceOf(WebhookRejected.class).hasMessageContaining("region of the topic");
        }
        assertThat(http.requests).isEmpty();
    }

    @Test
    void theEvilUrlConfirmationFailsWithoutAnyOutboundRequest() {
        assertThatThrownBy(() -> receive(fixture("sns-subscription-confirmation-evil-urls.json"), FIXTURE_TOPIC))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("SigningCertURL");
        assertThat(http.requests).isEmpty();
    }

    @Test
    void anEvilSubscribeUrlIsRefusedEvenWhenTheSignatureIsGenuine() {
        ObjectNode confirmation = SnsTestKit.json("sns-subscription-confirmation-signed-test.json");
        confirmation.put("SubscribeURL", "https://attacker.example.com/?Action=ConfirmSubscription&Token=x");
        confirmation.remove("Signature");
        byte[] signed = SnsTestKit.sign(confirmation);
        assertThatThrownBy(() -> receive(signed, FIXTURE_TOPIC)).isInstanceOf(WebhookRejected.class).hasMessageContaining("SubscribeURL");
        assertThat(http.requests).containsExactly(TEST_CERT_URL);
    }

    @Test
    void theSignedConfirmationOfTheConfiguredTopicIsConfirmedWithOneGet() {
        WebhookOutcome outcome = receive(fixture("sns-subscription-confirmation-signed-test.json"), FIXTURE_TOPIC,
                Map.of("x-amz-sns-message-type", "SubscriptionConfirmation", "x-amz-sns-topic-arn", FIXTURE_TOPIC));
        assertThat(outcome.note()).isEqualTo("subscription confirmed");
        assertThat(outcome.events()).isEmpty();
        assertThat(http.requests).containsExactly(TEST_CERT_URL, SUBSCRIBE_URL);
    }

    @Test
    void aConfirmationOfAnotherTopicIsRefusedWithoutAnyRequest() {
        assertThatThrownBy(() -> receive(fixture("sns-subscription-confirmation-signed-test.json"), "arn:aws:sns:us-east-1:123456789012:other"))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("another topic");
        assertThatThrownBy(() -> receive(fixture("sns-subscription-confirmation-signed-test.json"), null))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("snsTopicArn");
        assertThat(http.requests).isEmpty();
    }

    @Test
    void aNotificationOfAnotherTopicIsRefusedWithoutAnyRequest() {
        assertThatThrownBy(() -> receive(fixture("ses-sns-bounce.json"), "arn:aws:sns:us-east-1:123456789012:other"))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("another topic");
        assertThat(http.requests).isEmpty();
    }

    @Test
    void aRefusedConfirmationTokenIsA400() {
        http.answers.put(SUBSCRIBE_URL, new SnsHttp.Answer(403, new byte[0]));
        assertThatThrownBy(() -> receive(fixture("sns-subscription-confirmation-signed-test.json"), FIXTURE_TOPIC))
                .isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT));
    }

    @Test
    void anUnreachableSnsIsA503SoThatSnsRetries() {
        SesWebhook unreachable = webhook(url -> {
            throw new io.herald.core.tracking.webhook.sns.SnsUnreachable("down", null);
        });
        assertThatThrownBy(() -> unreachable.receive(new WebhookRequest("acme", Map.of(), fixture("ses-sns-bounce.json"), NOW), account(FIXTURE_TOPIC)))
                .isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAVAILABLE));
    }

    @Test
    void aSignedUnsubscribeConfirmationIsAcceptedAndNothingIsFetchedButTheCertificate() {
        ObjectNode unsubscribe = SnsTestKit.json("sns-unsubscribe-confirmation.json");
        unsubscribe.put("TopicArn", FIXTURE_TOPIC);
        unsubscribe.put("SubscribeURL", SUBSCRIBE_URL);
        unsubscribe.remove(List.of("Signature", "SigningCertURL", "SignatureVersion"));
        WebhookOutcome outcome = receive(SnsTestKit.sign(unsubscribe), FIXTURE_TOPIC);
        assertThat(outcome.note()).contains("unsubscribe");
        assertThat(outcome.events()).isEmpty();
        assertThat(http.requests).containsExactly(TEST_CERT_URL);
    }

    @Test
    void theCertificateIsFetchedOncePerUrl() {
        receive(fixture("ses-sns-bounce.json"), FIXTURE_TOPIC);
        receive(fixture("ses-sns-send.json"), FIXTURE_TOPIC);
        receive(fixture("ses-sns-open.json"), FIXTURE_TOPIC);
        assertThat(http.requests).containsExactly(TEST_CERT_URL);
    }

    @Test
    void theRealHeadersOfAnSnsPostAreAccepted() {
        Map<String, String> headers = headers("sns-http-headers-notification.txt");
        assertThat(headers).containsEntry("Content-Type", "text/plain; charset=UTF-8")
                .containsEntry("x-amz-sns-message-type", "Notification")
                .containsEntry("User-Agent", "Amazon Simple Notification Service Agent");
        // The captured headers name the doc example's topic; the same headers, with this message's topic, pass.
        Map<String, String> ours = new HashMap<>(headers);
        ours.put("x-amz-sns-topic-arn", FIXTURE_TOPIC);
        ours.put("x-amz-sns-message-id", "95f1bdd5-6e65-51bb-9c23-0a79af765ebc");
        assertThat(receive(fixture("ses-sns-bounce.json"), FIXTURE_TOPIC, ours).events()).hasSize(1);
        // As captured, they contradict the body: refused before anything is fetched.
        assertThatThrownBy(() -> receive(fixture("ses-sns-bounce.json"), FIXTURE_TOPIC, headers))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("x-amz-sns-topic-arn");
        Map<String, String> wrongType = new HashMap<>(ours);
        wrongType.put("x-amz-sns-message-type", "SubscriptionConfirmation");
        assertThatThrownBy(() -> receive(fixture("ses-sns-bounce.json"), FIXTURE_TOPIC, wrongType))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("x-amz-sns-message-type");
    }

    @Test
    void aSignedNotificationOfTheTopicParsesToTheEventWithHeraldsIds() {
        byte[] body = SnsTestKit.notification(FIXTURE_TOPIC, SnsTestKit.tagged("ses-event-bounce.json", "m-1", "acme"), "sns-1");
        TrackedEvent event = receive(body, FIXTURE_TOPIC).events().get(0);
        assertThat(event.type()).isEqualTo(EventType.bounce);
        assertThat(event.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(event.message().messageId()).isEqualTo("m-1");
        assertThat(event.message().tenantId()).isEqualTo("acme");
        assertThat(event.message().providerMessageId()).isEqualTo("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
        assertThat(event.eventId()).isEqualTo("ses:EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000:bounce:" + SesEvents.sha256("recipient@example.com").substring(0, 16) + ":hard");
    }

    @Test
    void theSameNotificationPostedTwiceGivesTheSameEvents() {
        List<TrackedEvent> first = receive(fixture("ses-sns-complaint.json"), FIXTURE_TOPIC).events();
        List<TrackedEvent> again = receive(fixture("ses-sns-complaint.json"), FIXTURE_TOPIC).events();
        assertThat(again).isEqualTo(first).hasSize(1);
        // SES publishing the same event again, under another SNS MessageId: still the same event id.
        byte[] republished = SnsTestKit.notification(FIXTURE_TOPIC, SnsTestKit.json("ses-event-complaint.json"), "another-sns-id");
        assertThat(receive(republished, FIXTURE_TOPIC).events()).extracting(TrackedEvent::eventId)
                .containsExactlyElementsOf(first.stream().map(TrackedEvent::eventId).toList());
    }

    @Test
    void anotherTenantsTagIsOnlyAClaimNextToTheReceivingTenant() {
        byte[] body = SnsTestKit.notification(FIXTURE_TOPIC, SnsTestKit.tagged("ses-event-delivery.json", "their-message", "other-tenant"), "sns-2");
        WebhookRequest request = new WebhookRequest("acme", Map.of(), body, NOW);
        TrackedEvent event = webhook.receive(request, account(FIXTURE_TOPIC)).events().get(0);
        // The receiver queues the job for "acme" (the URL's tenant); the claim is kept so that the track worker can refuse it.
        assertThat(event.message().tenantId()).isEqualTo("other-tenant");
        assertThat(request.tenantId()).isEqualTo("acme");
    }

    @Test
    void aSignedNotificationThatIsNotAnSesEventIsAcceptedAndIgnored() {
        ObjectNode message = SnsTestKit.json("sns-notification-doc.json");
        message.put("TopicArn", FIXTURE_TOPIC);
        message.remove(List.of("Signature", "SigningCertURL", "SignatureVersion"));
        message.put("SignatureVersion", "1");
        WebhookOutcome outcome = receive(SnsTestKit.sign(message), FIXTURE_TOPIC);
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.ignored()).singleElement().asString().contains("not an SES event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"Type\":\"Notification\"}", "{\"Type\":\"Other\",\"TopicArn\":\"x\"}",
            "{\"Type\":\"Notification\",\"Type\":\"Notification\"}", "{\"Type\":7}"})
    void bodiesThatAreNotSnsMessagesAre400(String body) {
        assertThatThrownBy(() -> receive(body.getBytes(StandardCharsets.UTF_8), FIXTURE_TOPIC)).isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT));
        assertThat(http.requests).isEmpty();
    }

    @Test
    void unsupportedSignatureVersionsAndUnsignedMessagesAre401() {
        for (String version : List.of("3", "0", "")) {
            ObjectNode message = SnsTestKit.json("ses-sns-bounce.json");
            message.put("SignatureVersion", version);
            assertThatThrownBy(() -> receive(message.toString().getBytes(StandardCharsets.UTF_8), FIXTURE_TOPIC))
                    .isInstanceOf(WebhookRejected.class).hasMessageContaining("SignatureVersion");
        }
        ObjectNode unsigned = SnsTestKit.json("ses-sns-bounce.json");
        unsigned.remove("Signature");
        assertThatThrownBy(() -> receive(unsigned.toString().getBytes(StandardCharsets.UTF_8), FIXTURE_TOPIC))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("not signed");
        assertThat(http.requests).isEmpty();
    }

    @Test
    void anOversizeBodyIs413() {
        byte[] body = new byte[SesWebhook.MAX_BODY + 1];
        assertThatThrownBy(() -> receive(body, FIXTURE_TOPIC)).isInstanceOf(WebhookRejected.class)
                .satisfies(e -> assertThat(((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.PAYLOAD_TOO_LARGE));
    }

    static Map<String, String> headers(String name) {
        Map<String, String> headers = new HashMap<>();
        for (String line : SnsTestKit.text(name).split("\r?\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith("POST ")) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }
}
