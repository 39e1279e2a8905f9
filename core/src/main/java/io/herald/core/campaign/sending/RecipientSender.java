package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.campaign.content.ContentStamp;
import io.herald.core.contact.Consent;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactService;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.Mailer;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.core.delivery.UnsubscribeLinks;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.tracking.firstparty.EmailTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One send job, end to end: campaign still sendable, consent, address, suppression, variant, content, rendering,
 * pre-send checks, then claim, provider, record (README, "Exactly-once intent: claim, act, record").
 */
@ApplicationScoped
public class RecipientSender {

    private static final Logger LOG = Logger.getLogger(RecipientSender.class);
    /** Counter suffixes of skips and pre-send failures (provider failures use the DeliveryException reason). */
    static final String NO_CONTACT = "noContact";
    static final String PRE_SEND = "PRE_SEND_CHECK";
    static final String NO_CREDENTIALS = "NO_CREDENTIALS";

    private final CampaignService campaigns;
    private final ContactService contacts;
    private final SuppressionList suppressions;
    private final ContentSource content;
    private final SenderProfile senderProfile;
    private final UnsubscribeLinks unsubscribe;
    private final EmailTracking tracking;
    private final ProviderAccounts accounts;
    private final Instance<Mailer> mailers;
    private final Messages messages;
    private final PlannedRecipients planned;
    private final Queues queues;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final SendFailureHook hook;
    private final SendConfig config;
    private final Clock clock;

    public RecipientSender(CampaignService campaigns, ContactService contacts, SuppressionList suppressions, ContentSource content,
            SenderProfile senderProfile, UnsubscribeLinks unsubscribe, EmailTracking tracking, ProviderAccounts accounts, Instance<Mailer> mailers,
            Messages messages, PlannedRecipients planned, Queues queues, com.fasterxml.jackson.databind.ObjectMapper json,
            SendFailureHook hook, SendConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.content = content;
        this.senderProfile = senderProfile;
        this.unsubscribe = unsubscribe;
        this.tracking = tracking;
        this.accounts = accounts;
        this.mailers = mailers;
        this.messages = messages;
        this.planned = planned;
        this.queues = queues;
        this.json = json;
        this.hook = hook;
        this.config = config;
        this.clock = clock;
    }

    Outcome send(SendJob job) {
        Optional<Campaign> found = campaigns.find(job.tenantId(), job.campaignId());
        if (found.isEmpty()) {
            return new Outcome.Retry(null, "poison: no campaign " + job.campaignId() + " in tenant " + job.tenantId());
        }
        Campaign campaign = found.get();
        if (job.test() != null) {
            return campaign.status() == CampaignStatus.cancelled ? Outcome.Ack.quietly() : sendTest(campaign, job);
        }
        if (campaign.status() == CampaignStatus.paused || campaign.status() == CampaignStatus.scheduled) {
            Contact contact = findContact(job).orElse(null);
            planned.park(job.tenantId(), job.campaignId(), job.contactId(), contact == null ? null : contact.timezone(), clock.instant());
            return Outcome.Ack.quietly();
        }
        if (campaign.status() != CampaignStatus.running) {
            return Outcome.Ack.quietly(); // cancelled (or completed): what is still queued is dropped
        }
        return sendToContact(campaign, job);
    }

    private Outcome sendToContact(Campaign campaign, SendJob job) {
        MessageKey key = MessageKey.campaign(job.tenantId(), job.contactId(), job.campaignId());
        String messageId = messageId(job.tenantId(), job.campaignId(), job.contactId());
        Optional<Contact> found = findContact(job);
        if (found.isEmpty()) {
            // Erased (or never there): no record, since one would recreate data in an erased person's partition. The
            // counter is a cache, so a replay of this job may count it twice.
            return Outcome.Ack.counting(job, "skipped." + NO_CONTACT);
        }
        Contact contact = found.get();
        if (contact.email() == null || contact.email().isBlank()) {
            return skip(job, key, messageId, null, null, CampaignProgress.SKIPPED_NO_EMAIL, SendOutcomes.NO_EMAIL);
        }
        Consent consent = contact.consent() == null ? null : contact.consent().get("email");
        if (consent == null || consent.status() != Consent.Status.granted) {
            return skip(job, key, messageId, contact.email(), null, CampaignProgress.SKIPPED_NO_CONSENT, SendOutcomes.NO_CONSENT);
        }
        if (suppressions.isSuppressed(job.tenantId(), contact.email())) {
            return skip(job, key, messageId, contact.email(), null, CampaignProgress.SUPPRESSED, SendOutcomes.SUPPRESSED);
        }
        String variantId = variantOf(campaign, job.contactId());
        ContentGroup group = content.group(campaign, contact);
        Prepared ready = content.forRecipient(campaign, group, variantId, contact);
        if (ready.status() != Prepared.Status.READY) {
            return waitForContent(job, ready, "content of group " + group.key() + " variant " + variantId);
        }
        URI link = unsubscribe.oneClick(job.tenantId(), job.contactId(), job.campaignId(), messageId);
        SenderProfile.Profile sender = senderProfile.of(job.tenantId());
        MessageComposer.Composed composed = MessageComposer.compose(campaign, ready.content(), group, contact, contact.email(), messageId, link,
                unsubscribe.headers(job.tenantId(), job.contactId(), job.campaignId(), messageId),
                sender, false, email -> tracking.track(email, link.toString(), sender.tracking()));
        MessageContent carried = carried(ready.content());
        if (!composed.checks().passed()) {
            return refuse(job, key, messageId, contact.email(), carried, campaign.provider(), CampaignProgress.failed(PRE_SEND),
                    SendOutcomes.preSendFailed(composed.checks().describeFailures()));
        }
        return deliver(job, key, campaign, composed, carried);
    }

    private Outcome sendTest(Campaign campaign, SendJob job) {
        SendJob.TestCopy copy = job.test();
        MessageKey key = MessageKey.test(job.tenantId(), job.campaignId(), copy.requestId(), copy.variantId(), copy.to());
        String messageId = UUID.nameUUIDFromBytes(("herald-test|" + key.pk() + "|" + key.sk()).getBytes(StandardCharsets.UTF_8)).toString();
        if (suppressions.isSuppressed(job.tenantId(), copy.to())) {
            return skip(job, key, messageId, copy.to(), null, CampaignProgress.SUPPRESSED, SendOutcomes.SUPPRESSED);
        }
        ContentGroup group = content.group(campaign, null);
        Prepared ready = content.forRecipient(campaign, group, copy.variantId(), null);
        if (ready.status() != Prepared.Status.READY) {
            return waitForContent(job, ready, "test content of variant " + copy.variantId());
        }
        URI link = unsubscribe.oneClick(job.tenantId(), TEST_CONTACT, job.campaignId(), messageId);
        SenderProfile.Profile sender = senderProfile.of(job.tenantId());
        MessageComposer.Composed composed = MessageComposer.compose(campaign, ready.content(), group, null, copy.to(), messageId, link,
                unsubscribe.headers(job.tenantId(), TEST_CONTACT, job.campaignId(), messageId),
                sender, true, email -> tracking.track(email, link.toString(), sender.tracking()));
        MessageContent carried = carried(ready.content());
        if (!composed.checks().passed()) {
            return refuse(job, key, messageId, copy.to(), carried, campaign.provider(), CampaignProgress.failed(PRE_SEND),
                    SendOutcomes.preSendFailed(composed.checks().describeFailures()));
        }
        return deliver(job, key, campaign, composed, carried);
    }

    /** Test copies carry no contact; their unsubscribe link names this placeholder instead. */
    static final String TEST_CONTACT = "_test";

    /** Claim, provider, record: the two writes of a sent message. */
    private Outcome deliver(SendJob job, MessageKey key, Campaign campaign, MessageComposer.Composed composed, MessageContent carried) {
        String messageId = composed.email().messageId();
        Optional<ProviderCredentials> credentials = accounts.credentials(job.tenantId(), campaign.provider());
        if (credentials.isEmpty()) {
            return refuse(job, key, messageId, composed.email().to(), carried, campaign.provider(),
                    CampaignProgress.failed(NO_CREDENTIALS), SendOutcomes.noCredentials(campaign.provider()));
        }
        Instant now = clock.instant();
        MessageRecord fresh = new MessageRecord(messageId, job.tenantId(), job.campaignId(), job.contactId(), composed.email().to(), carried,
                MessageStatus.sending, UUID.randomUUID().toString(), now, now.plus(config.lease()), 1, campaign.provider(),
                null, null, null, now, job.test() != null);
        Messages.Claim claim = messages.claim(key, fresh);
        if (claim instanceof Messages.Claim.Taken) {
            return Outcome.Ack.quietly();
        }
        if (claim instanceof Messages.Claim.Abandoned abandoned) {
            return Outcome.Ack.counting(job, CampaignProgress.UNKNOWN, variant(abandoned.record().content()));
        }
        MessageRecord claimed = ((Messages.Claim.Granted) claim).record();
        hook.afterClaim(messageId);
        SendReceipt receipt;
        try {
            receipt = mailer(campaign.provider()).send(composed.email(), credentials.get());
        } catch (DeliveryException e) {
            return providerFailed(job, key, claimed, e);
        } catch (RuntimeException e) {
            // Not a classified failure: nobody can say whether the provider has it, so it is never sent again.
            LOG.errorf(e, "provider %s failed unclassified on message %s", campaign.provider(), messageId);
            messages.markUnknown(key, claimed, "unclassified provider failure: " + e.getClass().getSimpleName());
            return Outcome.Ack.counting(job, CampaignProgress.UNKNOWN, variant(carried));
        }
        hook.afterProvider(messageId);
        if (!messages.markSent(key, claimed, receipt)) {
            LOG.warnf("message %s was sent but its record changed under the claim", messageId);
        }
        return Outcome.Ack.counting(job, CampaignProgress.SENT, variant(carried));
    }

    private Outcome providerFailed(SendJob job, MessageKey key, MessageRecord claimed, DeliveryException e) {
        String reason = SendOutcomes.providerFailure(e);
        String variant = variant(claimed.content());
        if (e.reason().retryable() && !DeliveryOutcomes.mayHaveReachedProvider(e)) {
            messages.markRetry(key, claimed, reason);
            Duration delay = e.retryAfter() != null ? e.retryAfter() : config.retryDelay();
            return new Outcome.Retry(delay, reason);
        }
        if (e.reason().retryable()) {
            messages.markUnknown(key, claimed, "the provider may have it (" + reason + "); not sent again");
            return Outcome.Ack.counting(job, CampaignProgress.UNKNOWN, variant);
        }
        messages.markFailed(key, claimed, reason);
        return Outcome.Ack.counting(job, CampaignProgress.failed(e.reason().name()), variant);
    }

    private Outcome skip(SendJob job, MessageKey key, String messageId, String to, MessageContent carried, String counter, String why) {
        return settle(job, key, messageId, to, carried, null, MessageStatus.skipped, counter, why);
    }

    private Outcome refuse(SendJob job, MessageKey key, String messageId, String to, MessageContent carried, ProviderKind provider,
            String counter, String why) {
        return settle(job, key, messageId, to, carried, provider, MessageStatus.failed, counter, why);
    }

    /** A final outcome without a send, written once (one conditional put), so that a replay counts nothing. */
    private Outcome settle(SendJob job, MessageKey key, String messageId, String to, MessageContent carried, ProviderKind provider,
            MessageStatus status, String counter, String why) {
        Instant now = clock.instant();
        MessageRecord record = new MessageRecord(messageId, job.tenantId(), job.campaignId(), job.contactId(), to, carried, status,
                UUID.randomUUID().toString(), now, null, 0, provider, null, why, null, now, job.test() != null);
        return messages.skip(key, record) ? Outcome.Ack.counting(job, counter, variant(carried)) : Outcome.Ack.quietly();
    }

    private static String variant(MessageContent carried) {
        return carried == null ? null : carried.variant();
    }

    /**
     * Content being written, held, or behind a model rate limit: the job is put back with a delay and acknowledged, so
     * that waiting does not use up the queue's receives.
     */
    private Outcome waitForContent(SendJob job, Prepared prepared, String what) {
        String why = what + " is " + prepared.status() + ": " + prepared.reason();
        if (job.waitsSoFar() >= config.maxContentWaits()) {
            return new Outcome.Retry(null, why + " after " + job.waitsSoFar() + " waits");
        }
        Duration delay = prepared.retryAfter() != null && prepared.retryAfter().compareTo(config.contentWait()) > 0
                ? prepared.retryAfter() : config.contentWait();
        try {
            queues.send(queues.sendQueue(), new QueueMessage(json.writeValueAsString(job.waitedOnceMore()), delay));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a send job", e);
        }
        return Outcome.Ack.quietly();
    }

    private Optional<Contact> findContact(SendJob job) {
        try {
            return Optional.of(contacts.get(job.tenantId(), job.contactId()));
        } catch (io.herald.core.errors.HeraldException e) {
            if (e.kind() == io.herald.core.errors.HeraldException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Mailer mailer(ProviderKind kind) {
        for (Mailer mailer : mailers) {
            if (mailer.kind() == kind) {
                return mailer;
            }
        }
        throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null, "no mailer for provider " + kind);
    }

    /** Even split, stable per recipient: the same person always gets the same variant of a campaign. */
    static String variantOf(Campaign campaign, String contactId) {
        CRC32 crc = new CRC32();
        crc.update((campaign.id() + "|" + contactId).getBytes(StandardCharsets.UTF_8));
        java.util.List<VariantSpec> variants = campaign.variants();
        return variants.get((int) (crc.getValue() % variants.size())).id();
    }

    /** Stable for (tenant, campaign, contact): every redelivery and re-claim names the same message. */
    static String messageId(String tenantId, String campaignId, String contactId) {
        return UUID.nameUUIDFromBytes(("herald-message|" + tenantId + "|" + campaignId + "|" + contactId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static MessageContent carried(CampaignContent content) {
        ContentStamp stamp = content.stamp();
        return new MessageContent(stamp.variantId(), stamp.contentId(), stamp.groupKey(), String.valueOf(stamp.source()),
                stamp.promptName(), stamp.promptVersion(), stamp.promptHash());
    }
}
