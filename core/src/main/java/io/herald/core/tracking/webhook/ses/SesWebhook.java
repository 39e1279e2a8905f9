package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.webhook.ProviderWebhook;
import io.herald.core.tracking.webhook.WebhookOutcome;
import io.herald.core.tracking.webhook.WebhookRejected;
import io.herald.core.tracking.webhook.WebhookRequest;
import io.herald.core.tracking.webhook.sns.SnsMessage;
import io.herald.core.tracking.webhook.sns.SnsSubscriptions;
import io.herald.core.tracking.webhook.sns.SnsVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Amazon SES events through an SNS HTTPS subscription to {@code POST /hooks/ses/{tenantId}}. In this order, so that
 * nothing leaves Herald for a message that is not the tenant's: the body must be an SNS message; its TopicArn must
 * be the tenant's {@code snsTopicArn}; its signing certificate must come from an SNS URL and its signature must
 * verify. Then a SubscriptionConfirmation is confirmed, an UnsubscribeConfirmation is logged, and a Notification's
 * SES event becomes Herald's events. The tenant is always the receiver's; tags only claim one.
 */
@ApplicationScoped
public class SesWebhook implements ProviderWebhook {

    /** The provider setting that names the one topic a tenant's receiver accepts. */
    public static final String TOPIC_SETTING = "snsTopicArn";
    /** SNS messages are at most 256 KB; escaping the SES JSON inside one can about double it. */
    static final int MAX_BODY = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SesWebhook.class);

    private final SnsVerifier verifier;
    private final SnsSubscriptions subscriptions;

    public SesWebhook(SnsVerifier verifier, SnsSubscriptions subscriptions) {
        this.verifier = verifier;
        this.subscriptions = subscriptions;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.ses;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request, ProviderCredentials account) {
        if (request.body().length > MAX_BODY) {
            throw new WebhookRejected(HeraldException.Kind.PAYLOAD_TOO_LARGE, "the body has " + request.body().length
                    + " bytes; an SNS message is far smaller (the limit is " + MAX_BODY + ")");
        }
        SnsMessage message = SnsMessage.parse(request.body());
        sameAsHeader(request, "x-amz-sns-message-type", message.type(), "Type");
        sameAsHeader(request, "x-amz-sns-topic-arn", message.topicArn(), "TopicArn");
        String topic = account.values().get(TOPIC_SETTING);
        if (topic == null || topic.isBlank()) {
            throw WebhookRejected.unauthenticated("this tenant's ses account names no " + TOPIC_SETTING
                    + ", so its receiver accepts no topic; set it with PUT /v1/providers/ses");
        }
        if (!topic.equals(message.topicArn())) {
            LOG.warnf("ses webhook for tenant %s: refused a %s from topic %s (the tenant's topic is %s)",
                    request.tenantId(), message.type(), printable(message.topicArn()), topic);
            throw WebhookRejected.unauthenticated("the message is from another topic than this tenant's " + TOPIC_SETTING);
        }
        verifier.verify(message, request.receivedAt());
        return switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                subscriptions.confirm(message);
                LOG.infof("ses webhook for tenant %s: confirmed the SNS subscription to %s", request.tenantId(), topic);
                yield new WebhookOutcome(List.of(), List.of(), "subscription confirmed");
            }
            case SnsMessage.UNSUBSCRIBE_CONFIRMATION -> {
                LOG.infof("ses webhook for tenant %s: SNS ended the subscription to %s (message %s); Herald does not resubscribe",
                        request.tenantId(), topic, message.messageId());
                yield new WebhookOutcome(List.of(), List.of(), "unsubscribe confirmation received; the subscription is not restored");
            }
            default -> notification(message, request);
        };
    }

    private static WebhookOutcome notification(SnsMessage message, WebhookRequest request) {
        JsonNode record = SnsMessage.readTree(message.message());
        if (!SesEvents.isSesRecord(record)) {
            // Signed by SNS for the tenant's own topic, so not an attack: something else publishes there. A 4xx would
            // only make SNS drop it; accept and say so.
            return new WebhookOutcome(List.of(), List.of("SNS message " + message.messageId() + " of the topic is not an SES event"), null);
        }
        SesEvents.Parsed parsed = SesEvents.parse(record, request.receivedAt());
        return new WebhookOutcome(parsed.events(), parsed.ignored(), null);
    }

    private static void sameAsHeader(WebhookRequest request, String header, String value, String field) {
        String claimed = request.header(header);
        if (claimed != null && !claimed.isBlank() && !claimed.trim().equals(value)) {
            throw WebhookRejected.malformed("the " + header + " header does not match the message's " + field);
        }
    }

    private static String printable(String text) {
        String safe = text == null ? "" : text.replaceAll("[^A-Za-z0-9:._-]", "?");
        return safe.length() > 300 ? safe.substring(0, 300) + "..." : safe;
    }
}
