package io.herald.core.tracking.webhook.sns;

import java.net.URI;

/**
 * A URL that {@link SnsUrls} admitted as Amazon SNS's own ({@code https://sns.<region>.amazonaws.com/...}). Only
 * that class can make one, and {@link SnsHttp} takes nothing else: no URL from a message reaches the network
 * without passing the allowlist first.
 */
public final class SnsUrl {

    private final URI uri;
    private final String region;

    SnsUrl(URI uri, String region) {
        this.uri = uri;
        this.region = region;
    }

    /** The admitted URL, exactly as the message gave it. */
    public URI uri() {
        return uri;
    }

    /** The AWS region in its host name ({@code us-east-1}). */
    public String region() {
        return region;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SnsUrl url && url.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
