package io.herald.providers;

import io.herald.core.delivery.OutboundEmail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Outbound emails for the provider tests, shaped like the fixtures' requests. */
public final class TestEmails {

    public static final String LIST_UNSUBSCRIBE = "<mailto:listrequest@example.com?subject=unsubscribe>, <https://example.com/unsubscribe/opaquepart>";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private TestEmails() {
    }

    public static Map<String, String> unsubscribeHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", LIST_UNSUBSCRIBE);
        headers.put("List-Unsubscribe-Post", ONE_CLICK);
        return headers;
    }

    public static OutboundEmail email(String from, String to, String subject, String html, String text, Map<String, String> tags) {
        return email(from, to, subject, html, text, unsubscribeHeaders(), tags);
    }

    public static OutboundEmail email(String from, String to, String subject, String html, String text,
            Map<String, String> headers, Map<String, String> tags) {
        return new OutboundEmail(UUID.randomUUID().toString(), "t-" + UUID.randomUUID().toString().substring(0, 8), from, null,
                to, subject, html, text, headers, tags);
    }

    public static OutboundEmail simple() {
        return new OutboundEmail(UUID.randomUUID().toString(), "tenant-a", "Acme News <news@acme.example>",
                "support@acme.example", "ada@example.com", "Spring sale", "<p>Hello <b>Ada</b></p>", "Hello Ada",
                unsubscribeHeaders(), Map.of("campaign", "c-1"));
    }
}
