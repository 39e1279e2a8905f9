package io.herald.core.audience;

import io.herald.core.contact.Contact;

import java.util.List;

/**
 * One step of walking a segment's audience.
 *
 * @param contacts the contacts of this step that match, in walk order
 * @param next where the next step starts; null when the whole tenant has been walked. A step may hold fewer
 *             matches than asked for (even none) and still have a next step
 * @param evaluated how many contacts this step evaluated
 */
public record AudiencePage(List<Contact> contacts, String next, int evaluated) {
}
