package io.herald.core.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two header values RFC 8058 asks of a one-click unsubscribe, for one message.
 *
 * @param listUnsubscribe {@code <https://.../u/<token>>}, followed by {@code <mailto:...>} when a mailbox is configured
 * @param listUnsubscribePost always {@code List-Unsubscribe=One-Click}
 */
public record UnsubscribeHeaders(String listUnsubscribe, String listUnsubscribePost) {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** Both headers by name, ready for {@link OutboundEmail#headers()}. */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIST_UNSUBSCRIBE, listUnsubscribe);
        headers.put(LIST_UNSUBSCRIBE_POST, listUnsubscribePost);
        return headers;
    }
}
