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

    public static class Reconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "reconcile");
        }
    }
}
