package io.herald.core.tracking;

/**
 * Herald's one vocabulary for what happened to a message, whatever the provider calls it. A provider event type
 * that maps to none of these is accepted, logged and not stored.
 */
public enum EventType {
    /** The receiving server accepted the message. */
    delivered,
    /** A temporary failure; the provider keeps trying. */
    deferred,
    /** The provider refused to send it (suppressed on the provider's side, rejected as malformed or as a virus). */
    dropped,
    /** The message came back: {@link EventDetail#bounce()} says hard (the address is gone) or soft. */
    bounce,
    /** The recipient marked it as spam. */
    complaint,
    /** The message was displayed (or fetched by a machine: see {@link Classification}). */
    open,
    /** A link in it was followed. */
    click,
    /** The recipient unsubscribed. */
    unsubscribe,
    /** An app reported a purchase or sign-up attributed to the message ({@code POST /v1/conversions}). */
    conversion
}
