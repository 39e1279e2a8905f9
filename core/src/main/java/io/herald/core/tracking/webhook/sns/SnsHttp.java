package io.herald.core.tracking.webhook.sns;

/**
 * The one way SNS handling reaches the network: a GET of a URL the allowlist admitted (a signing certificate, a
 * SubscribeURL). A seam, so that tests count and answer these requests; it takes only {@link SnsUrl}, which only
 * {@link SnsUrls} makes, so no implementation can be handed a URL that skipped the allowlist.
 */
public interface SnsHttp {

    /**
     * GETs the URL, without following redirects (a redirect could lead off SNS's hosts).
     *
     * @throws SnsUnreachable when no answer came (connection, TLS, timeout) or SNS answered 5xx, after the retries
     */
    Answer get(SnsUrl url);

    /** What SNS answered: the status and at most {@link #MAX_BODY} bytes of the body. */
    record Answer(int status, byte[] body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The bytes of an answer Herald reads at most: a certificate is about 2 KB, a confirmation answer less. */
    int MAX_BODY = 64 * 1024;
}
