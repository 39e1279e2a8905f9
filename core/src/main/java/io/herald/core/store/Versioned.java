package io.herald.core.store;

/** A document as read, with the stored JSON that a conditional replace compares against. */
public record Versioned<T>(T value, String json) {
}
