package io.herald.core.delivery;

import io.herald.core.contact.ContactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.Optional;

/**
 * What a verified one-click unsubscribe does: the address goes on the suppression list (what the send step checks
 * before every message) and the contact's email consent becomes denied. Both are idempotent, so a repeated POST,
 * or a retry after a crash half-way, finishes the job without changing anything twice.
 */
@ApplicationScoped
public class Unsubscribes {

    /** The consent and suppression source of a one-click unsubscribe. */
    public static final String SOURCE = "one-click-unsubscribe";

    private final ContactService contacts;
    private final Suppressions suppressions;
    private final Event<Unsubscribed> unsubscribed;
    private final Clock clock;

    public Unsubscribes(ContactService contacts, Suppressions suppressions, Event<Unsubscribed> unsubscribed, Clock clock) {
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.unsubscribed = unsubscribed;
        this.clock = clock;
    }

    /** Unsubscribes the person the token names; answers whether this request changed anything. */
    public boolean oneClick(UnsubscribeToken token) {
        Optional<String> email = contacts.find(token.tenantId(), token.contactId()).map(contact -> contact.email());
        boolean suppressed = email.filter(address -> !address.isBlank())
                .map(address -> suppressions.add(token.tenantId(), address, SuppressionReason.unsubscribe, SOURCE).created())
                .orElse(false);
        boolean withdrawn = contacts.withdrawConsent(token.tenantId(), token.contactId(), "email", SOURCE)
                .map(ContactService.ConsentChange::changed).orElse(false);
        boolean changed = suppressed || withdrawn;
        // Announced on every verified request for a known person, not only when something changed: a crash between
        // the suppression and the announcement would otherwise leave the unsubscribe uncounted for good. The track
        // worker counts it once per message whatever the repeats.
        if (changed || email.isPresent()) {
            unsubscribed.fire(new Unsubscribed(token.tenantId(), token.contactId(), token.campaignId(), token.messageId(), clock.instant()));
        }
        return changed;
    }
}
