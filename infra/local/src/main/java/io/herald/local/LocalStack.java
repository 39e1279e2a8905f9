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
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Herald on this machine: dynalite and the table, ElasticMQ with the work queues, MailDev, the api function and
 * (once built) the worker's {@code plan}, {@code generate}, {@code send}, {@code track}, {@code deliver} and
 * {@code reconcile} functions as local Lambdas, the SQS pollers and the once-a-minute plan tick that stand in for
 * Lambda's triggers (reconcile runs on demand, per campaign), and a demo tenant whose key it prints
 * and whose email goes to MailDev. Runs until Ctrl-C or SIGTERM, or until a function dies, then stops everything
 * it started.
 */
public final class LocalStack implements AutoCloseable {

    static final String DEMO_TENANT = "demo";
    /** The worker module; until it is built, the stack runs without campaigns and says so. */
    static final String WORKER_MODULE = "functions/worker";
    /** Funqy's handler: one jar, one function per process, chosen by QUARKUS_FUNQY_EXPORT. */
    public static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<LocalLambda> functions = new ArrayList<>();
    private volatile boolean closing;
    private Tick planTick;
    private LocalLambda reconcileFunction;
    private URI apiUrl;
    private String apiKey;
    private MailDev mailDev;
    private Map<String, WorkQueues.Queue> queues = Map.of();
    private URI sqsEndpoint;

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
            stack.start(settings);
            stack.planOnEnter();
            CompletableFuture.anyOf(stack.functions.stream().map(f -> f.process().onExit()).toArray(CompletableFuture[]::new)).join();
            if (!stack.closing) {
                System.err.println("herald: a function stopped; shutting down");
                System.exit(1);
            }
        } catch (RuntimeException e) {
            System.err.println("herald: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts the whole stack as {@code infra/local/start} does, configured by {@code env} (the same variables) instead
     * of this process's environment: what the end-to-end test uses. On failure everything started is stopped again.
     */
    public static LocalStack start(Map<String, String> env) {
        LocalStack stack = new LocalStack();
        try {
            stack.start(Settings.from(env));
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The api's base URL. */
    public URI api() {
        return apiUrl;
    }

    /** The demo tenant's API key. */
    public String apiKey() {
        return apiKey;
    }

    /**
     * The work queues by name ({@link WorkQueues#TRACK}, {@link WorkQueues#SES_EVENTS}, ...), for a test that puts
     * a message on one itself, such as an SES event as SNS delivers it into {@code herald-ses-events}.
     */
    public Map<String, WorkQueues.Queue> queues() {
        return queues;
    }

    /** ElasticMQ's endpoint, for {@link ElasticMq#client(URI)}. */
    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** MailDev, where the demo tenant's email lands. */
    public MailDev mailDev() {
        return mailDev;
    }

    /** Runs the planner now, as typing {@code plan} does; false without a worker. */
    public boolean planNow() {
        return planTick != null && planTick.fire().succeeded();
    }

    /**
     * Recomputes one campaign's counters from its stored events, as typing {@code reconcile <tenant> <campaign>} does:
     * the function's answer (status and body); status 0 without a reconcile function in the worker build.
     */
    public Answer reconcile(String tenantId, String campaignId) {
        if (reconcileFunction == null) {
            return new Answer("POST", "reconcile", 0, "this worker build has no reconcile function");
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(reconcileFunction.eventUrl()).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("tenantId", tenantId, "campaignId", campaignId))))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer("POST", "reconcile", response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer("POST", "reconcile", 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer("POST", "reconcile", 0, "interrupted");
        }
    }

    /** What the environment asks for, checked before anything starts. */
    record Settings(int port, int dynamoDbPort, String table, String adminKey, boolean adminKeyGenerated,
                    Optional<String> fixedApiKey, Map<String, String> modelEnv, Ports ports, Queues queues, SharedKeys keys) {

        /** MailDev's and ElasticMQ's ports. */
        record Ports(int sqs, int smtp, int mailDev) {
        }

        /**
         * The local queues and the schedule.
         *
         * @param visibility        the work queues' visibility timeout: when a failed or crashed message comes back
         * @param maxReceiveCount   receives after which a message moves to its DLQ
         * @param tick              how often {@code plan} runs
         */
        record Queues(Duration visibility, int maxReceiveCount, Duration tick) {

            /** A batch must end before its messages become visible again, or they would be delivered twice at once. */
            Duration invocationTimeout() {
                return visibility.minusSeconds(10);
            }
        }

        /**
         * Keys the api and the worker must share: provider credentials' (and webhook endpoints') encryption,
         * unsubscribe links' signature, open and click tokens' signature.
         */
        record SharedKeys(String secretsKey, String unsubscribeSigningKey, String trackingSigningKey) {
        }

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
                    Map.copyOf(modelEnv),
                    new Ports(port(env, "HERALD_SQS_PORT", 9324), port(env, "HERALD_SMTP_PORT", 1025), port(env, "HERALD_MAILDEV_PORT", 1080)),
                    new Queues(Duration.ofSeconds(number(env, "HERALD_QUEUE_VISIBILITY_SECONDS", 60, 20, 43_200)),
                            (int) number(env, "HERALD_QUEUE_MAX_RECEIVES", 5, 1, 1000),
                            Duration.ofSeconds(number(env, "HERALD_TICK_SECONDS", 60, 1, 3600))),
                    new SharedKeys(nonBlank(env.get("HERALD_SECRETS_KEY")).orElseGet(LocalStack::randomKey),
                            nonBlank(env.get("HERALD_UNSUBSCRIBE_SIGNING_KEY")).orElseGet(LocalStack::randomKey),
                            nonBlank(env.get("HERALD_TRACKING_SIGNING_KEY")).orElseGet(LocalStack::randomKey)));
        }

        /** Content comes from a model when one is configured; otherwise the template composer writes it. */
        boolean modelConfigured() {
            return modelEnv.containsKey("OPENAI_API_KEY") || nonBlank(modelEnv.get("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL")).isPresent();
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            try {
                return (int) number(env, name, fallback, 1, 65535);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be a TCP port, not '" + env.get(name) + "'");
            }
        }

        private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                long number = Long.parseLong(value.strip());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
    }

    /** The queues in the local run, as in template.yaml, with the settings' visibility and receive count. */
    static List<WorkQueues.Spec> queueSpecs(Settings.Queues queues) {
        return java.util.stream.Stream.of(WorkQueues.SEND, WorkQueues.GENERATE, WorkQueues.TRACK, WorkQueues.SES_EVENTS, WorkQueues.WEBHOOKS)
                .map(name -> new WorkQueues.Spec(name, queues.visibility(), queues.maxReceiveCount())).toList();
    }

    /** The worker's exports that the local stack starts, each a local Lambda: fed by a poller, or by a tick. */
    static final List<String> WORKER_EXPORTS = List.of("plan", "generate", "send", "track", "deliver", "reconcile");


    void start(Settings settings) {
        long begin = System.nanoTime();
        // ElasticMQ starts in this JVM (an actor system and an HTTP server): it warms up while the Node emulators start.
        CompletableFuture<ElasticMq> elasticMqStarting = CompletableFuture.supplyAsync(() -> ElasticMq.start(settings.ports().sqs()));
        try {
            startEmulatorsAndFunctions(settings, elasticMqStarting, begin);
        } catch (RuntimeException e) {
            elasticMqStarting.thenAccept(ElasticMq::close);
            throw e;
        }
    }

    private void startEmulatorsAndFunctions(Settings settings, CompletableFuture<ElasticMq> elasticMqStarting, long begin) {
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

        MailDev mailDev = remember(MailDev.start(settings.ports().smtp(), settings.ports().mailDev()));
        progress("MailDev: SMTP on port " + mailDev.smtpPort() + ", web page at " + mailDev.web(), begin);

        ElasticMq elasticMq;
        try {
            elasticMq = remember(elasticMqStarting.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        SqsClient sqs = remember(elasticMq.client());
        Map<String, WorkQueues.Queue> queues = new LinkedHashMap<>();
        WorkQueues.ensure(sqs, queueSpecs(settings.queues())).forEach(queue -> queues.put(queue.name(), queue));
        progress("ElasticMQ on port " + elasticMq.port() + ", queues " + String.join(", ", queues.keySet()) + " with their DLQs", begin);

        Map<String, String> env = functionEnv(settings, dynalite, elasticMq, queues);
        LocalLambda api = startFunction(LocalLambda.Options.http("herald-api", LocalPaths.runnerJar("functions/api"))
                .withPort(settings.port()).withEnv(env));
        progress("starting the api function from " + LocalPaths.projectRoot().relativize(api.jar()), begin);

        Optional<Path> workerJar = LocalPaths.findRunnerJar(WORKER_MODULE);
        List<String> missing = workerJar.map(jar -> startWorker(jar, settings, env, sqs, queues)).orElse(WORKER_EXPORTS);
        if (workerJar.isEmpty()) {
            System.out.println("herald: no worker jar in " + WORKER_MODULE + "/target: running without the worker"
                    + " (campaigns are accepted but not sent, events not applied); build it with ./mvnw -B -pl " + WORKER_MODULE + " -am package -DskipTests");
        } else {
            progress("starting the worker functions " + String.join(", ", WORKER_EXPORTS.stream().filter(e -> !missing.contains(e)).toList())
                    + " from " + LocalPaths.projectRoot().relativize(workerJar.get()), begin);
            if (!missing.isEmpty()) {
                System.out.println("herald: this worker build has no " + String.join(", ", missing) + ": running without them");
            }
        }

        Duration startUp = api.awaitFirstResponse("/q/openapi", Duration.ofMinutes(2));
        String apiKey = createDemoTenant(api.url(), settings);
        String provider = configureMailDevAsProvider(api.url(), apiKey, mailDev);
        seedDemoSettings(api.url(), apiKey);
        this.apiUrl = api.url();
        this.apiKey = apiKey;
        this.mailDev = mailDev;
        this.queues = Map.copyOf(queues);
        this.sqsEndpoint = elasticMq.endpoint();
        printBanner(api.url(), settings, apiKey, startUp, mailDev, elasticMq, queues, workerJar.isPresent(), missing, provider);
    }

    /** What every function gets: the table, the queues, SQS, and the keys the api and the worker share. */
    private static Map<String, String> functionEnv(Settings settings, Dynalite dynalite, ElasticMq elasticMq, Map<String, WorkQueues.Queue> queues) {
        Map<String, String> env = new LinkedHashMap<>(settings.modelEnv());
        env.put("HERALD_STORE_TABLE", settings.table());
        env.put("HERALD_ADMIN_KEY", settings.adminKey());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
        env.put("HERALD_SQS_ENDPOINT_OVERRIDE", elasticMq.endpoint().toString());
        env.put("HERALD_QUEUES_SEND_URL", queues.get(WorkQueues.SEND).url());
        env.put("HERALD_QUEUES_GENERATE_URL", queues.get(WorkQueues.GENERATE).url());
        env.put("HERALD_QUEUES_TRACK_URL", queues.get(WorkQueues.TRACK).url());
        env.put("HERALD_QUEUES_WEBHOOKS_URL", queues.get(WorkQueues.WEBHOOKS).url());
        env.put("HERALD_SECRETS_KEY", settings.keys().secretsKey());
        env.put("HERALD_UNSUBSCRIBE_SIGNING_KEY", settings.keys().unsubscribeSigningKey());
        env.put("HERALD_UNSUBSCRIBE_BASE_URL", "http://localhost:" + settings.port());
        env.put("HERALD_TRACKING_SIGNING_KEY", settings.keys().trackingSigningKey());
        env.put("HERALD_TRACKING_BASE_URL", "http://localhost:" + settings.port());
        // The demo's webhook endpoints are local receivers (http://localhost:..., a request bin on this machine):
        // outbound webhooks accept them only when told to, which AWS never is.
        env.put("HERALD_WEBHOOKS_ALLOW_HTTP", "true");
        env.put("HERALD_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        return env;
    }

    /** One JVM per export, each behind its own event server; a poller per queue and the tick feed them. */
    private List<String> startWorker(Path jar, Settings settings, Map<String, String> env, SqsClient sqs, Map<String, WorkQueues.Queue> queues) {
        // A worker built before tracking has no track, deliver or reconcile: start what it has, say what it lacks.
        java.util.Set<String> declared = WorkerExports.declared(jar);
        List<String> missing = WORKER_EXPORTS.stream().filter(export -> !declared.contains(export)).toList();
        Map<String, LocalLambda> started = new LinkedHashMap<>();
        WORKER_EXPORTS.stream().filter(declared::contains).forEach(export -> started.put(export, startFunction(worker(export, jar, env))));
        Duration timeout = settings.queues().invocationTimeout();
        // As in template.yaml: generations one at a time (each is a model call), the other queues in batches of 10.
        // A short long-poll keeps Ctrl-C quick; an empty receive costs nothing locally.
        Duration wait = Duration.ofSeconds(2);
        if (started.containsKey("generate")) {
            remember(SqsPoller.start(sqs, SqsPoller.Options.of(queues.get(WorkQueues.GENERATE), started.get("generate").eventUrl(), timeout)
                    .withBatchSize(1).withWaitTime(wait)));
        }
        for (Map.Entry<String, String> drained : Map.of(WorkQueues.SEND, "send", WorkQueues.TRACK, "track",
                WorkQueues.SES_EVENTS, "track", WorkQueues.WEBHOOKS, "deliver").entrySet()) {
            LocalLambda function = started.get(drained.getValue());
            if (function != null) {
                remember(SqsPoller.start(sqs, SqsPoller.Options.of(queues.get(drained.getKey()), function.eventUrl(), timeout).withWaitTime(wait)));
            }
        }
        if (started.containsKey("plan")) {
            planTick = remember(Tick.start(new Tick.Options("herald-plan", started.get("plan").eventUrl(), settings.queues().tick(), timeout, Clock.systemUTC())));
        }
        // As in template.yaml, on demand: one campaign a call (reconcile <tenant> <campaign> + Enter, or reconcileNow).
        reconcileFunction = started.get("reconcile");
        return missing;
    }

    /** How long a local send waits before it looks again for content still being written. */
    static final Duration LOCAL_CONTENT_WAIT = Duration.ofSeconds(10);

    private static LocalLambda.Options worker(String export, Path jar, Map<String, String> env) {
        Map<String, String> workerEnv = new LinkedHashMap<>(env);
        workerEnv.remove("HERALD_ADMIN_KEY");
        workerEnv.put("QUARKUS_FUNQY_EXPORT", export);
        // A send that arrives before its group's content looks again after 2 minutes in AWS; locally content comes
        // from the template composer (or one model call) within seconds, so look again sooner and as long in total.
        workerEnv.putIfAbsent("HERALD_SEND_CONTENT_WAIT", LOCAL_CONTENT_WAIT.toString());
        workerEnv.putIfAbsent("HERALD_SEND_MAX_CONTENT_WAITS", "1080");
        return LocalLambda.Options.events("herald-" + export, jar, FUNQY_HANDLER).withEnv(workerEnv);
    }

    private LocalLambda startFunction(LocalLambda.Options options) {
        LocalLambda function = remember(LocalLambda.start(options));
        functions.add(function);
        return function;
    }

    /** Typing {@code plan} and Enter runs the planner now instead of at the next tick. */
    private void planOnEnter() {
        if (planTick == null) {
            return;
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && !closing; line = in.readLine()) {
                    if (line.strip().equals("plan")) {
                        Tick.Result result = planTick.fire();
                        System.out.println("herald: plan answered " + result.status() + " " + result.answer());
                    } else if (line.strip().startsWith("reconcile")) {
                        String[] words = line.strip().split("\\s+");
                        if (words.length != 3) {
                            System.out.println("herald: type reconcile <tenantId> <campaignId>");
                        } else {
                            Answer answer = reconcile(words[1], words[2]);
                            System.out.println("herald: reconcile answered " + answer.status() + " " + answer.summary());
                        }
                    }
                }
            } catch (IOException | IllegalStateException stopped) {
                // the console closed or the stack is stopping: no more ticks on demand
            }
        }, "herald-plan-on-enter");
        reader.setDaemon(true);
        reader.start();
    }

    /** The demo tenant and its one valid key: the fixed key replaces the generated one when HERALD_LOCAL_API_KEY is set. */
    private static String createDemoTenant(URI api, Settings settings) {
        JsonNode created = send(api, "POST", "/v1/admin/tenants", Map.of("id", DEMO_TENANT, "name", "Demo Shop"), settings.adminKey()).json();
        if (settings.fixedApiKey().isEmpty()) {
            return created.path("apiKey").asText();
        }
        String fixed = settings.fixedApiKey().get();
        send(api, "POST", "/v1/admin/tenants/" + DEMO_TENANT + "/keys", Map.of("apiKey", fixed), settings.adminKey()).orThrow();
        send(api, "DELETE", "/v1/admin/tenants/" + DEMO_TENANT + "/keys/" + created.path("keyId").asText(), null, settings.adminKey()).orThrow();
        return fixed;
    }

    /**
     * The local default provider: the demo tenant's SMTP account points at MailDev, through the same API an
     * operator uses. Returns a line for the banner; an api without {@code /v1/providers} is said, not fatal.
     */
    static String configureMailDevAsProvider(URI api, String apiKey, MailDev mailDev) {
        Answer answer = send(api, "PUT", "/v1/providers/smtp",
                Map.of("host", "127.0.0.1", "port", Integer.toString(mailDev.smtpPort()), "tls", "none"), apiKey);
        if (answer.status() / 100 == 2) {
            return "SMTP into MailDev (127.0.0.1:" + mailDev.smtpPort() + ")";
        }
        String why = answer.status() == 404 || answer.status() == 405 ? "this api has no /v1/providers yet" : answer.status() + " " + answer.body();
        System.err.println("herald: could not make MailDev the demo tenant's SMTP provider: " + why);
        return "none configured (" + why + ")";
    }

    /** Where the demo tenant sends from, and the CTA domain of the README's walkthrough. */
    static final String DEMO_SENDER_DOMAIN = "demo.herald.local";
    static final String DEMO_LINK_DOMAIN = "shop.example.com";
    static final String DEMO_POSTAL_ADDRESS = "Demo Shop\n1 Example Road\nSpringfield 12345";

    /**
     * What a campaign email needs besides a provider, so the demo tenant can send at once: a sender domain, the
     * footer's postal address and the walkthrough's CTA domain. Only what is still unset is filled in; the rest of
     * the settings (and anything the user changes later with PUT /v1/settings) stays theirs.
     */
    static void seedDemoSettings(URI api, String apiKey) {
        com.fasterxml.jackson.databind.node.ObjectNode settings = (com.fasterxml.jackson.databind.node.ObjectNode)
                send(api, "GET", "/v1/settings", null, apiKey).json();
        fillIfEmpty(settings, "senderDomains", DEMO_SENDER_DOMAIN);
        fillIfEmpty(settings, "linkDomains", DEMO_LINK_DOMAIN);
        if (!settings.path("postalAddress").isTextual() || settings.path("postalAddress").asText().isBlank()) {
            settings.put("postalAddress", DEMO_POSTAL_ADDRESS);
        }
        send(api, "PUT", "/v1/settings", settings, apiKey).orThrow();
    }

    private static void fillIfEmpty(com.fasterxml.jackson.databind.node.ObjectNode settings, String field, String value) {
        if (!settings.path(field).isArray() || settings.path(field).isEmpty()) {
            settings.putArray(field).add(value);
        }
    }

    /** An api (or function) answer: its status and body. */
    public record Answer(String method, String path, int status, String body) {

        Answer orThrow() {
            if (status / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + status + ": " + body);
            }
            return this;
        }

        /** The body, or only a failed function's error message (not its stack trace). */
        String summary() {
            try {
                JsonNode error = JSON.readTree(body).path("errorMessage");
                return error.isTextual() ? error.asText() : body;
            } catch (IOException | RuntimeException notJson) {
                return body;
            }
        }

        JsonNode json() {
            orThrow();
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " answered something that is not JSON: " + body, e);
            }
        }
    }

    private static Answer send(URI api, String method, String path, Object body, String bearer) {
        try {
            HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(method, path, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void printBanner(URI api, Settings settings, String apiKey, Duration startUp, MailDev mailDev, ElasticMq elasticMq,
                                    Map<String, WorkQueues.Queue> queues, boolean workerRunning, List<String> missing, String provider) {
        String base = api.toString().replaceAll("/$", "");
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Herald is running locally (api answered after " + startUp.toMillis() + " ms).",
                "  API            " + base,
                "  Swagger UI     " + base + "/q/swagger-ui",
                "  OpenAPI        " + base + "/q/openapi",
                "  MailDev        " + mailDev.web() + "   (every email Herald sends locally lands here)",
                "  DynamoDB       http://localhost:" + settings.dynamoDbPort() + " (dynalite, in memory, table " + settings.table() + ")",
                "  SQS            " + elasticMq.endpoint() + " (ElasticMQ, in memory; visibility " + settings.queues().visibility().toSeconds()
                        + " s, DLQ after " + settings.queues().maxReceiveCount() + " receives)"));
        queues.values().forEach(queue -> lines.add(String.format("    %-18s %s   (DLQ %s)", queue.name(), queue.url(), queue.dlqUrl())));
        lines.addAll(List.of(
                "  Worker         " + (workerRunning
                        ? "plan every " + settings.queues().tick().toSeconds() + " s (type 'plan' + Enter to run it now); generate and send fed by the queues"
                        : "not built: campaigns are not planned or sent"),
                "  Tracking       " + (workerRunning && !missing.contains("track")
                        ? "track fed by herald-track and herald-ses-events, deliver by herald-webhooks (http and local targets allowed);"
                                + " type 'reconcile <tenantId> <campaignId>' + Enter to rebuild a campaign's counters"
                        : "no track function in this build: events are queued but not applied"),
                "    webhooks     POST " + base + "/hooks/{sendgrid|mailgun|postmark|ses}/" + DEMO_TENANT + "   (each verified with the secrets of PUT /v1/providers/...)",
                "    open pixel   " + base + "/t/o/<token>      click redirect " + base + "/t/c/<token>   (signed into each email at send time)",
                "  Email provider " + provider,
                "  Tenant         " + DEMO_TENANT,
                "  API key        " + apiKey + (settings.fixedApiKey().isPresent() ? "   (from HERALD_LOCAL_API_KEY)" : ""),
                "  Admin key      " + settings.adminKey() + (settings.adminKeyGenerated() ? "   (random for this run; set HERALD_ADMIN_KEY to fix it)" : "   (from HERALD_ADMIN_KEY)"),
                "  Content        " + (settings.modelConfigured()
                        ? "from the model at " + settings.modelEnv().getOrDefault("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", "https://api.openai.com/v1")
                        : "from the template composer (set OPENAI_API_KEY, or QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL and its key, to use a model)"),
                "",
                "  Try:  curl -H 'Authorization: Bearer " + apiKey + "' " + base + "/v1/contacts/someone",
                "  Stop: Ctrl-C",
                ""));
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

    /** Stops what started, newest first: the tick and the pollers before the functions they feed, those before the emulators. */
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

    /** An AES-256 or HMAC key for this run, in the standard Base64 that the functions' configuration expects. */
    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
