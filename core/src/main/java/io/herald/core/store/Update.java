package io.herald.core.store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A change to one item that DynamoDB applies atomically: new document and attributes, removed attributes,
 * counters added to, all under one optional condition. This is how Herald does without transactions: claim,
 * state transition and counter updates that must agree live on one item and change in one conditional write.
 */
public final class Update {

    Object doc;
    final Map<String, String> setStrings = new LinkedHashMap<>();
    final Map<String, Long> setNumbers = new LinkedHashMap<>();
    final Map<String, Long> add = new LinkedHashMap<>();
    final Set<String> remove = new LinkedHashSet<>();
    final Map<String, String> expectStrings = new LinkedHashMap<>();
    final Set<String> expectAbsent = new LinkedHashSet<>();
    final Map<String, String> expectAbsentOrEquals = new LinkedHashMap<>();
    boolean expectExists;

    private Update() {
    }

    public static Update of() {
        return new Update();
    }

    /** Replaces the JSON document. */
    public Update doc(Object document) {
        this.doc = document;
        return this;
    }

    public Update set(String attribute, String value) {
        setStrings.put(attribute, value);
        return this;
    }

    public Update set(String attribute, long value) {
        setNumbers.put(attribute, value);
        return this;
    }

    /** UpdateItem ADD: atomic, starting from 0 when the attribute (or the item) does not exist yet. */
    public Update add(String attribute, long delta) {
        add.merge(attribute, delta, Long::sum);
        return this;
    }

    public Update add(Map<String, Long> deltas) {
        deltas.forEach(this::add);
        return this;
    }

    /** Removes an attribute, for example an index key, which takes the item out of a sparse index. */
    public Update remove(String attribute) {
        remove.add(attribute);
        return this;
    }

    /** Applies only if the item exists and the attribute has this value. */
    public Update ifEquals(String attribute, String expected) {
        expectStrings.put(attribute, expected);
        return this;
    }

    /** Applies only if the attribute is absent (on a missing item every attribute is). */
    public Update ifAbsent(String attribute) {
        expectAbsent.add(attribute);
        return this;
    }

    /**
     * Applies only if the attribute is absent or already has this value: a claim that the same claimant may
     * repeat (the track worker's "first of its kind" under an event's key), so a redelivery gets the same answer.
     */
    public Update ifAbsentOrEquals(String attribute, String value) {
        expectAbsentOrEquals.put(attribute, value);
        return this;
    }

    /** Applies only to an existing item, never creating one. */
    public Update ifExists() {
        this.expectExists = true;
        return this;
    }

    boolean isEmpty() {
        return doc == null && setStrings.isEmpty() && setNumbers.isEmpty() && add.isEmpty() && remove.isEmpty();
    }
}
