package io.herald.core.contact;

/**
 * A contact is about to be erased (a synchronous CDI event, fired before its profile is deleted): observers drop
 * what they hold about the person outside the contact's partition. An observer that fails stops the erasure, which
 * can then be retried as a whole.
 *
 * @param email the contact's address, or null when it had none
 */
public record ContactErasing(String tenantId, String contactId, String email) {
}
