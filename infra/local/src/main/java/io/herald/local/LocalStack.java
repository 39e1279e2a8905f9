package io.herald.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.store.TableDefinition;
import io.herald.core.tenant.ApiKeys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Herald on this machine: dynalite, the table, the api function as a local Lambda, and a demo tenant whose
 * key it prints. Runs until Ctrl-C or SIGTERM, then stops everything it started.
 */
public final class LocalStack implements AutoCloseable {

    static final String DEMO_TENANT = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile boolean closing;

    public static void main(String[] args) {
        // Vert.x in the event server logs through JBoss Logging, which must own java.util.logging from the start.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        Settings settings;
        try {
            settings = Settings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("herald: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "herald-local-shutdown"));
        try {
            LocalLambda api = stack.start(settings);
            api.process().onExit().join();
            if (!stack.closing) {
                System.err.println("herald: the api function stopped; shutting down");
                System.exit(1);
            }
        } catch (RuntimeException e) {
            System.err.println("herald: " + e.getMessage());
            System.exit(1);
        }
    }

    /** What the environment asks for, checked before anything starts. */
    record Settings(int port, int dynamoDbPort, String table, String adminKey, boolean adminKeyGenerated,
                    Optional<String> fixedApiKey, Map<String, String> modelEnv) {

        static Settings from(Map<String, String> env) {
            Optional<String> fixedKey = nonBlank(env.get("HERALD_LOCAL_API_KEY"));
            fixedKey.ifPresent(key -> {
                if (!ApiKeys.tenantOf(key).filter(DEMO_TENANT::equals).isPresent()) {
                    throw new IllegalArgumentException("HERALD_LOCAL_API_KEY must look like hk_demo_ followed by 32 to 128 base64url"
                            + " characters (A-Z a-z 0-9 - _), for example hk_demo_" + randomToken());
                }
            });
            Optional<String> adminKey = nonBlank(env.get("HERALD_ADMIN_KEY"));
            Map<String, String> modelEnv = new LinkedHashMap<>();
            env.forEach((name, value) -> {
                if (name.startsWith("QUARKUS_LANGCHAIN4J_")) {
                    modelEnv.put(name, value);
                }
            });
            nonBlank(env.get("OPENAI_API_KEY")).ifPresent(key -> {
                modelEnv.put("OPENAI_API_KEY", key);
                modelEnv.putIfAbsent("QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", key);
            });
            return new Settings(
                    port(env, "HERALD_PORT", 8080),
                    port(env, "HERALD_DYNAMODB_PORT", 8000),
                    nonBlank(env.get("HERALD_STORE_TABLE")).orElse("herald"),
                    adminKey.orElseGet(LocalStack::randomToken),
                    adminKey.isEmpty(),
                    fixedKey,
                    Map.copyOf(modelEnv));
        }

        /** Content comes from a model when one is configured; otherwise the template composer writes it. */
        boolean modelConfigured() {
            return modelEnv.containsKey("OPENAI_API_KEY") || nonBlank(modelEnv.get("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL")).isPresent();
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.strip());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a TCP port, not '" + value + "'");
        }
    }

    LocalLambda start(Settings settings) {
        long begin = System.nanoTime();
        Dynalite dynalite = remember(Dynalite.start(settings.dynamoDbPort()));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            TableDefinition.ensureTable(dynamoDb, settings.table());
        }
        progress("dynalite on port " + dynalite.port() + ", table '" + settings.table() + "' ready", begin);

        Map<String, String> env = new LinkedHashMap<>(settings.modelEnv());
        env.put("HERALD_STORE_TABLE", settings.table());
        env.put("HERALD_ADMIN_KEY", settings.adminKey());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
        LocalLambda api = remember(LocalLambda.start(LocalLambda.Options.http("herald-api", LocalPaths.runnerJar("functions/api"))
                .withPort(settings.port()).withEnv(env)));
        progress("starting the api function from " + LocalPaths.projectRoot().relativize(api.jar()), begin);
        Duration startUp = api.awaitFirstResponse("/q/openapi", Duration.ofMinutes(2));

        String apiKey = createDemoTenant(api.url(), settings);
        printBanner(api.url(), settings, apiKey, startUp);
        return api;
    }

    /** The demo tenant and its one valid key: the fixed key replaces the generated one when HERALD_LOCAL_API_KEY is set. */
    private static String createDemoTenant(URI api, Settings settings) {
        JsonNode created = send(api, "POST", "/v1/admin/tenants", Map.of("id", DEMO_TENANT, "name", "Demo Shop"), settings.adminKey());
        if (settings.fixedApiKey().isEmpty()) {
            return created.path("apiKey").asText();
        }
        String fixed = settings.fixedApiKey().get();
        send(api, "POST", "/v1/admin/tenants/" + DEMO_TENANT + "/keys", Map.of("apiKey", fixed), settings.adminKey());
        send(api, "DELETE", "/v1/admin/tenants/" + DEMO_TENANT + "/keys/" + created.path("keyId").asText(), null, settings.adminKey());
        return fixed;
    }

    private static JsonNode send(URI api, String method, String path, Map<String, String> body, String adminKey) {
        try {
            HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + adminKey)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void printBanner(URI api, Settings settings, String apiKey, Duration startUp) {
        String base = api.toString().replaceAll("/$", "");
        List<String> lines = List.of(
                "",
                "Herald is running locally (api answered after " + startUp.toMillis() + " ms).",
                "  API            " + base,
                "  Swagger UI     " + base + "/q/swagger-ui",
                "  OpenAPI        " + base + "/q/openapi",
                "  DynamoDB       http://localhost:" + settings.dynamoDbPort() + " (dynalite, in memory, table " + settings.table() + ")",
                "  Tenant         " + DEMO_TENANT,
                "  API key        " + apiKey + (settings.fixedApiKey().isPresent() ? "   (from HERALD_LOCAL_API_KEY)" : ""),
                "  Admin key      " + settings.adminKey() + (settings.adminKeyGenerated() ? "   (random for this run; set HERALD_ADMIN_KEY to fix it)" : "   (from HERALD_ADMIN_KEY)"),
                "  Content        " + (settings.modelConfigured()
                        ? "from the model at " + settings.modelEnv().getOrDefault("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", "https://api.openai.com/v1")
                        : "from the template composer (set OPENAI_API_KEY, or QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL and its key, to use a model)"),
                "",
                "  Try:  curl -H 'Authorization: Bearer " + apiKey + "' " + base + "/v1/contacts/someone",
                "  Stop: Ctrl-C",
                "");
        System.out.println(String.join(System.lineSeparator(), lines));
        System.out.flush();
    }

    private static void progress(String step, long sinceNanos) {
        System.out.printf("herald: %s (%d ms)%n", step, Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis());
    }

    private <T extends AutoCloseable> T remember(T resource) {
        synchronized (started) {
            started.push(resource);
        }
        return resource;
    }

    /** Stops what started, newest first: the function before the table it writes to. */
    @Override
    public void close() {
        closing = true;
        synchronized (started) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    System.err.println("herald: while stopping: " + e);
                }
            }
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(String::strip);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
