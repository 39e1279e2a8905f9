package io.herald.api.delivery;

import jakarta.ws.rs.core.Response;
import org.jsoup.nodes.Entities;

/**
 * The two small pages of the unsubscribe flow: self-contained (inline style, no scripts, images or fonts from
 * anywhere), every variable part HTML-escaped, and served so that the token in the URL leaks nowhere.
 */
final class UnsubscribePages {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>%s</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
            button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#222;color:#fff;cursor:pointer}</style>
            </head><body>
            %s
            </body></html>
            """;

    private UnsubscribePages() {
    }

    /** The form posts to the page's own URL (the token, relative to {@code /u/}), whatever prefix a proxy puts before it. */
    static String confirm(String brand, String token) {
        return PAGE.formatted("Unsubscribe", """
                <h1>Unsubscribe</h1>
                <p>Stop receiving marketing email from %s?</p>
                <form method="post" action="%s" enctype="application/x-www-form-urlencoded">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Unsubscribe</button>
                </form>""".formatted(escape(sender(brand)), escape(token)));
    }

    static String done(String brand) {
        return PAGE.formatted("Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>You will receive no more marketing email from %s.</p>""".formatted(escape(sender(brand))));
    }

    /** No cache may keep the page, no link on it may send the token on as a referrer, no resource loads from elsewhere. */
    static Response html(String page) {
        return Response.ok(page, "text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }

    private static String sender(String brand) {
        return brand == null || brand.isBlank() ? "this sender" : brand;
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
