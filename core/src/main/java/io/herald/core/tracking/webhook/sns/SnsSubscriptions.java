package io.herald.core.tracking.webhook.sns;

import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.webhook.WebhookRejected;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/**
 * Confirms an SNS subscription: one GET of the SubscribeURL of a verified SubscriptionConfirmation, after the
 * caller has checked its topic, and only when the URL is SNS's own in the topic's region.
 */
@ApplicationScoped
public class SnsSubscriptions {

    private static final Logger LOG = Logger.getLogger(SnsSubscriptions.class);

    private final SnsHttp http;

    public SnsSubscriptions(SnsHttp http) {
        this.http = http;
    }

    /** Confirms, or throws: 401 for a URL that is not SNS's, 400 when SNS refuses the token, 503 when SNS cannot be asked. */
    public void confirm(SnsMessage confirmation) {
        SnsUrl url = SnsUrls.subscribe(confirmation.subscribeUrl(), confirmation.topicArn());
        SnsHttp.Answer answer;
        try {
            answer = http.get(url);
        } catch (SnsUnreachable | FaultToleranceException e) {
            LOG.warnf("cannot confirm the SNS subscription to %s: %s", confirmation.topicArn(), e.getMessage());
            throw new WebhookRejected(HeraldException.Kind.UNAVAILABLE, "SNS cannot be reached to confirm the subscription; SNS retries, and so may you");
        }
        if (!answer.ok()) {
            throw WebhookRejected.malformed("SNS refused the confirmation (HTTP " + answer.status() + "): the token may have expired; "
                    + "ask SNS for a new confirmation (RequestConfirmation in the console)");
        }
    }
}
