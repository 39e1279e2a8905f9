package io.herald.core.queue;

/**
 * One message as a queue consumer received it.
 *
 * @param messageId SQS's id of this delivery (a re-enqueued job gets a new one: never a key for idempotency)
 * @param receiptHandle what SQS needs to change this delivery's visibility
 * @param body the JSON body
 * @param receiveCount how many times SQS has handed it out, this time included
 */
public record ReceivedMessage(String messageId, String receiptHandle, String body, int receiveCount) {
}
