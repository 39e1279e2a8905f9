package io.herald.worker;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** One Lambda function per test application, as in AWS: QUARKUS_FUNQY_EXPORT picks it. */
final class Exports {

    private Exports() {
    }

    public static class Send implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "send");
        }
    }

    public static class Plan implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "plan");
        }
    }

    public static class Generate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "generate");
        }
    }

    public static class Track implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "track");
        }
    }

    /**
     * The deliver function, with the tenant's endpoint on WireMock at 127.0.0.1 (so http and private targets are
     * allowed), a two-retry schedule without waits (a test cannot wait out five seconds of backoff many times), and
     * endpoints disabled after two deliveries that failed every attempt.
     */
    public static class Deliver implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "deliver",
                    "herald.webhooks.allow-http", "true",
                    "herald.webhooks.allow-private-targets", "true",
                    "herald.webhooks.retry-schedule", "PT0S,PT0S",
                    "herald.webhooks.disable-after-failures", "2",
                    "herald.webhooks.timeout", "PT2S");
        }
    }

    /** The deliver function as deployed: private targets refused (the SSRF guard on). */
    public static class DeliverGuarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "deliver",
                    "herald.webhooks.allow-http", "true",
                    "herald.webhooks.allow-private-targets", "false");
        }
    }

    public static class Reconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "reconcile");
        }
    }
}
