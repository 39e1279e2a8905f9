package io.herald.providers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How Herald talks to email providers: the time it gives one call, its circuit breakers, and the providers' base
 * URLs. Base URLs are the operator's, never a tenant's (a tenant picks a region at most), so that a tenant cannot
 * point Herald's HTTP clients at an internal address.
 */
@ConfigMapping(prefix = "herald.providers")
public interface ProvidersConfig {

    /** Longest wait for one provider call, connect and answer together, before it counts as transient (HERALD_PROVIDERS_TIMEOUT). */
    @WithDefault("10s")
    Duration timeout();

    /** Longest wait for a TCP connection to the provider. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Pause before the one quick retry after a refused connection (nothing reached the provider, so it is safe). */
    @WithDefault("100ms")
    Duration connectRetryDelay();

    /** Calls in each provider endpoint's circuit-breaker window. */
    @WithDefault("20")
    int circuitRequestVolume();

    /** Share of transient failures (5xx, timeouts, connection errors) in the window that opens the circuit. */
    @WithDefault("0.5")
    double circuitFailureRatio();

    /** How long an open circuit fails sends at once (as transient, with this as the retry hint). */
    @WithDefault("30s")
    Duration circuitDelay();

    /**
     * Whether a tenant's {@code baseUrl} setting is honoured (HERALD_PROVIDERS_ALLOW_TENANT_BASE_URL): true for the
     * local stack, tests and benchmarks that point a provider at a stub; false by default, because a tenant-chosen
     * URL lets a tenant make Herald call any address (and read part of its answer back in a failure reason).
     */
    @WithDefault("false")
    boolean allowTenantBaseUrl();

    /** Most provider clients (SMTP connection pools, SES clients) kept per kind; the least recently used is closed. */
    @WithDefault("64")
    int maxCachedClients();

    Ses ses();

    SendGrid sendgrid();

    Mailgun mailgun();

    Postmark postmark();

    /** Amazon SES v2. */
    interface Ses {
        /** Region when the tenant's credentials name none (in AWS, usually the function's own region). */
        @WithDefault("us-east-1")
        String region();

        /** Another SES endpoint (tests, VPC endpoints); unset means AWS's regional endpoint. */
        Optional<URI> endpointOverride();
    }

    /** SendGrid v3 Mail Send. */
    interface SendGrid {
        /** Base URL of the v3 API. */
        @WithDefault("https://api.sendgrid.com")
        URI baseUrl();

        /** Base URL for tenants whose credentials say {@code region: eu} (EU data residency subusers). */
        @WithDefault("https://api.eu.sendgrid.com")
        URI euBaseUrl();
    }

    /** Mailgun Messages API. */
    interface Mailgun {
        /** Base URL of the US region. */
        @WithDefault("https://api.mailgun.net")
        URI baseUrl();

        /** Base URL for domains in Mailgun's EU region ({@code region: eu} in the tenant's credentials). */
        @WithDefault("https://api.eu.mailgun.net")
        URI euBaseUrl();
    }

    /** Postmark Email API. */
    interface Postmark {
        /** Base URL of the Email API. */
        @WithDefault("https://api.postmarkapp.com")
        URI baseUrl();

        /** Message stream when the tenant's credentials name none: marketing mail belongs on a broadcast stream. */
        @WithDefault("broadcast")
        String messageStream();
    }
}
