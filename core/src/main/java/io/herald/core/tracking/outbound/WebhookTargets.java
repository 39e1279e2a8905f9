package io.herald.core.tracking.outbound;

import io.herald.core.errors.HeraldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where Herald may POST a tenant's webhooks. A tenant chooses the URL, so without a guard Herald would make requests
 * into its own network on the tenant's behalf (SSRF): the instance metadata service, a database's HTTP port. The
 * URL is checked when it is saved (https, no credentials, no literal internal address) and the host is resolved and
 * checked again before every attempt, because a name can be pointed at an internal address after it was saved.
 */
@ApplicationScoped
public class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    private final WebhookConfig config;
    private final Resolver resolver;

    @Inject
    public WebhookTargets(WebhookConfig config) {
        this(config, InetAddress::getAllByName);
    }

    WebhookTargets(WebhookConfig config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    /** Resolves a host name (a seam for tests). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The URL as it will be stored, or a 400 that says what is wrong.
     *
     * @throws HeraldException INVALID_INPUT
     */
    public String validate(String url) {
        if (url == null || url.isBlank()) {
            throw HeraldException.invalid("url: required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw HeraldException.invalid("url: at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw HeraldException.invalid("url: not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            throw HeraldException.invalid("url: must be an https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw HeraldException.invalid("url: must not hold credentials (user:password@); the signature authenticates Herald");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw HeraldException.invalid("url: has no host");
        }
        if (uri.getRawFragment() != null) {
            throw HeraldException.invalid("url: must not have a #fragment");
        }
        if (!config.allowPrivateTargets()) {
            String host = bare(uri.getHost());
            if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
                throw HeraldException.invalid("url: must not point at this machine");
            }
            if (isLiteralAddress(host)) {
                try {
                    String refusal = refusal(InetAddress.getByName(host));
                    if (refusal != null) {
                        throw HeraldException.invalid("url: " + refusal);
                    }
                } catch (UnknownHostException e) {
                    throw HeraldException.invalid("url: not a valid address");
                }
            }
        }
        return uri.toString();
    }

    /**
     * Resolves the URL's host and answers why Herald must not POST there, or null when it may. Called before every
     * attempt. (The HTTP client resolves the name again when it connects; an attacker who controls the DNS could
     * answer differently within that gap, so a deployment should also keep the worker in a subnet without routes to
     * internal services: see the docs.)
     */
    public String refusalAtDelivery(String url) {
        if (config.allowPrivateTargets()) {
            return null;
        }
        URI uri = URI.create(url);
        String host = bare(uri.getHost());
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** Why an address is not a public destination, or null. */
    static String refusal(InetAddress address) {
        String shown = address.getHostAddress();
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isMappedV4(b)) {
                try {
                    return refusal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return "an unreadable address";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "resolves to a unique-local (private) address " + shown + " (this includes the metadata service fd00:ec2::254)";
            }
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return "resolves to this machine (" + shown + ")";
        }
        if (address.isLinkLocalAddress()) {
            return "resolves to a link-local address " + shown + " (this includes the metadata service 169.254.169.254)";
        }
        if (address.isSiteLocalAddress()) {
            return "resolves to a private address " + shown;
        }
        if (address.isMulticastAddress()) {
            return "resolves to a multicast address " + shown;
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))) {
                return "resolves to a reserved or shared address " + shown;
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteralAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
