package io.herald.core.campaign.sending;

/**
 * Points around the provider call where a test can make the invocation die, to prove that a crash after the claim
 * never leads to a second send. The production bean does nothing.
 */
public interface SendFailureHook {

    /** After the claim, before the provider is called. */
    default void afterClaim(String messageId) {
    }

    /** After the provider accepted the message, before the record says so. */
    default void afterProvider(String messageId) {
    }
}
