package io.herald.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outcome for one item of a batch.
 *
 * @param index position in the request
 * @param id the item's id (the contact id, or the event id)
 * @param status {@code created}, {@code updated}, {@code duplicate} or {@code rejected}
 * @param error why it was rejected
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(int index, String id, String status, String error) {

    /** Why an item was not stored when the data store failed part-way through a batch. */
    public static final String STORE_UNAVAILABLE = "the data store did not answer; send this item again";
}
