package io.herald.core.tracking.webhook.sns;

import io.herald.core.tracking.webhook.WebhookRejected;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allowlist for every URL an SNS message names (its signing certificate, its SubscribeURL): HTTPS to an
 * {@code sns.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}) host, no user info, no port, no fragment. A
 * message is only data: without this check anyone could make Herald fetch any address (SSRF) or trust a
 * certificate of their own. The same {@link URI} parser that admits a URL is the one the JDK client sends with, so
 * the two cannot read one string two ways.
 */
public final class SnsUrls {

    /** As aws-sdk-java-v2's SNS certificate retriever: a DNS label of letters, digits and dashes as the region. */
    static final Pattern HOST = Pattern.compile("sns\\.([a-z0-9][a-z0-9-]*[a-z0-9])\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern CERTIFICATE_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+\\.pem");
    private static final int MAX_URL = 2048;

    private SnsUrls() {
    }

    /** The signing certificate's URL, admitted, or a 401 that says why it is not SNS's. */
    public static SnsUrl signingCertificate(String url) {
        SnsUrl admitted = admit("SigningCertURL", url);
        URI uri = admitted.uri();
        if (uri.getRawQuery() != null || uri.getRawPath() == null || !CERTIFICATE_PATH.matcher(uri.getRawPath()).matches()
                || uri.getRawPath().contains("/../") || uri.getRawPath().contains("/./")) {
            throw WebhookRejected.unauthenticated("SigningCertURL is not an SNS certificate: its path must end in .pem, without a query");
        }
        return admitted;
    }

    /**
     * The SubscribeURL of a confirmation, admitted: SNS's host in the topic's own region, Action=ConfirmSubscription,
     * and the topic's ARN where the URL names one.
     */
    public static SnsUrl subscribe(String url, String topicArn) {
        SnsUrl admitted = admit("SubscribeURL", url);
        Map<String, String> query = query(admitted.uri().getRawQuery());
        if (!"ConfirmSubscription".equals(query.get("Action"))) {
            throw WebhookRejected.unauthenticated("SubscribeURL is not an SNS confirmation: Action=ConfirmSubscription is missing");
        }
        if (query.containsKey("TopicArn") && !query.get("TopicArn").equals(topicArn)) {
            throw WebhookRejected.unauthenticated("SubscribeURL confirms another topic than the message's TopicArn");
        }
        if (!region(topicArn).map(admitted.region()::equals).orElse(false)) {
            throw WebhookRejected.unauthenticated("SubscribeURL is not in the region of the topic " + topicArn);
        }
        String path = admitted.uri().getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            throw WebhookRejected.unauthenticated("SubscribeURL is not an SNS confirmation: its path must be /");
        }
        return admitted;
    }

    /** The region of an SNS topic ARN ({@code arn:aws:sns:<region>:<account>:<name>}). */
    static Optional<String> region(String topicArn) {
        String[] parts = topicArn == null ? new String[0] : topicArn.split(":", -1);
        return parts.length == 6 && "sns".equals(parts[2]) ? Optional.of(parts[3]) : Optional.empty();
    }

    private static SnsUrl admit(String name, String url) {
        if (url == null || url.isEmpty()) {
            throw WebhookRejected.unauthenticated("the SNS message has no " + name);
        }
        if (url.length() > MAX_URL) {
            throw WebhookRejected.unauthenticated(name + " is too long to be SNS's");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw WebhookRejected.unauthenticated(name + " is not a valid URL");
        }
        if (!"https".equals(uri.getScheme())) {
            throw WebhookRejected.unauthenticated(name + " must be an https URL of Amazon SNS");
        }
        String host = uri.getHost();
        Matcher sns = host == null ? null : HOST.matcher(host);
        if (sns == null || !sns.matches()) {
            throw WebhookRejected.unauthenticated(name + " is not on an Amazon SNS host (sns.<region>.amazonaws.com)");
        }
        // The authority must be the bare host: no user info (https://sns.x.amazonaws.com@evil/), no port, not even an empty one.
        if (uri.getRawUserInfo() != null || uri.getPort() != -1 || !host.equals(uri.getRawAuthority())) {
            throw WebhookRejected.unauthenticated(name + " must name the SNS host alone, without user info or port");
        }
        if (uri.getRawFragment() != null) {
            throw WebhookRejected.unauthenticated(name + " must not have a fragment");
        }
        return new SnsUrl(uri, sns.group(1));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (values.putIfAbsent(key, value) != null) {
                throw WebhookRejected.unauthenticated("SubscribeURL repeats the query parameter " + key);
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.unauthenticated("SubscribeURL has a malformed query");
        }
    }
}
