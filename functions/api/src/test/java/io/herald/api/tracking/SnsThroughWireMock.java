package io.herald.api.tracking;

import io.herald.api.testing.HeraldTestResources;
import io.herald.core.tracking.webhook.sns.JdkSnsHttp;
import io.herald.core.tracking.webhook.sns.SnsConfig;
import io.herald.core.tracking.webhook.sns.SnsUrl;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The api tests' stand-in for the network to Amazon SNS, and nothing more: the production {@link JdkSnsHttp} with
 * only its last hop moved. Every URL still passes the production allowlist first ({@link SnsUrl} can only come
 * from it), and the request still goes through the real JDK client with its timeouts, no redirects and its retry;
 * only {@code https://sns.<region>.amazonaws.com/<path>?<query>} is sent to
 * {@code <WireMock>/sns/<region>/<path>?<query>} instead. It lives in test sources only, so no production
 * configuration can point SNS handling anywhere else. It also records each admitted URL, so tests can prove that
 * a refused message caused no request at all.
 */
@Alternative
@Priority(1)
@Singleton
public class SnsThroughWireMock extends JdkSnsHttp {

    /** Every URL asked for, as admitted (before the move to WireMock), in order. */
    public static final List<String> REQUESTED = new CopyOnWriteArrayList<>();

    public SnsThroughWireMock(SnsConfig config) {
        super(config);
    }

    @Override
    protected URI target(SnsUrl url) {
        REQUESTED.add(url.uri().toString());
        String query = url.uri().getRawQuery() == null ? "" : "?" + url.uri().getRawQuery();
        return URI.create(HeraldTestResources.wireMock().baseUrl() + "/sns/" + url.region() + url.uri().getRawPath() + query);
    }
}
