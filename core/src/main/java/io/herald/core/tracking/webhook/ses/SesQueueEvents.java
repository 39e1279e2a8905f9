package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.tenant.TenantIds;
import io.herald.core.tracking.ProviderQueueEvents;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackedEvent;
import io.herald.core.tracking.webhook.sns.SnsMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SES events that SNS writes straight into an SQS queue (for deployments without a public endpoint): the SNS
 * envelope when raw message delivery is off, the bare SES record when it is on. There is no signature to check
 * here: the queue's policy lets only the SES topic send to it. So the tenant can only come from Herald's own
 * {@code herald-tenant} tag on the message; an event without it is logged and dropped, never given a guessed tenant.
 */
@ApplicationScoped
public class SesQueueEvents implements ProviderQueueEvents {

    private static final Logger LOG = Logger.getLogger(SesQueueEvents.class);

    private final Clock clock;

    public SesQueueEvents(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<List<TrackJob>> decode(String body) {
        JsonNode root = SnsMessage.readTree(body);
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode record;
        String type = root.path("Type").isTextual() ? root.path("Type").textValue() : null;
        if (SnsMessage.NOTIFICATION.equals(type) && root.path("TopicArn").isTextual()) {
            record = SnsMessage.readTree(root.path("Message").isTextual() ? root.path("Message").textValue() : null);
            if (!SesEvents.isSesRecord(record)) {
                return Optional.empty();
            }
        } else if ((SnsMessage.SUBSCRIPTION_CONFIRMATION.equals(type) || SnsMessage.UNSUBSCRIBE_CONFIRMATION.equals(type))
                && root.path("TopicArn").isTextual()) {
            LOG.warnf("an SNS %s of topic %s arrived on the SES events queue; Herald does not confirm from a queue "
                    + "(confirm the subscription in the SNS console, or subscribe the queue from the topic's own account)",
                    type, root.path("TopicArn").textValue());
            return Optional.of(List.of());
        } else if (SesEvents.isSesRecord(root)) {
            record = root;
        } else {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SesEvents.Parsed parsed = SesEvents.parse(record, now);
        parsed.ignored().forEach(line -> LOG.infof("ses queue: ignored %s", line));
        Map<String, List<TrackedEvent>> byTenant = new LinkedHashMap<>();
        for (TrackedEvent event : parsed.events()) {
            String tenant = event.message().tenantId();
            if (!TenantIds.isValid(tenant)) {
                LOG.warnf("ses queue: %s event of SES message %s has no valid %s tag; not applied (no tenant is guessed)",
                        event.type(), event.message().providerMessageId(), io.herald.core.delivery.OutboundEmail.TENANT_TAG);
                continue;
            }
            byTenant.computeIfAbsent(tenant, key -> new ArrayList<>()).add(event);
        }
        List<TrackJob> jobs = new ArrayList<>();
        byTenant.forEach((tenant, events) -> jobs.add(new TrackJob(tenant, "ses", now, events)));
        return Optional.of(jobs);
    }
}
