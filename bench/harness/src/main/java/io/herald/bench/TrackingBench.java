package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.store.TableDefinition;
import io.herald.local.Dynalite;
import io.herald.local.ElasticMq;
import io.herald.local.LocalLambda;
import io.herald.local.LocalPaths;
import io.herald.local.LocalStack;
import io.herald.local.SqsPoller;
import io.herald.local.Tick;
import io.herald.local.WorkQueues;
import io.herald.local.WorkerExports;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Section 4 of the benchmark (issue 6, "Measured"): tracking on the local stack's parts (dynalite, ElasticMQ, the
 * api and the worker's plan, generate, send and track as local Lambdas), with counting proxies in front of dynalite
 * for the api and for track. A small campaign is first sent for real through a SendGrid-compatible stub, so every
 * event below names a message Herald sent, and every click token is one the send step signed into an email.
 * <ol>
 *   <li>(a) Webhook events ingested per second by one api instance: signed SendGrid Event Webhook batches of N
 *   events posted to {@code /hooks/sendgrid/<tenant>} by C clients at once, against the same POST to an unknown
 *   provider ({@code /hooks/none/<tenant>}), which the same resource refuses with 404 before any work: the
 *   application's floor (Lambda hop, routing, the raw body read, a problem answer), measured in alternating
 *   rounds in the same run.</li>
 *   <li>(b) DynamoDB writes per event when the track function applies a batch of events with duplicates, posted
 *   through the receiver (a batch posted again, as SendGrid retries): write requests (and items of a batch write)
 *   that crossed the track function's proxy, per unique event and per event posted.</li>
 *   <li>(c) Click-redirect latency: sequential {@code GET /t/c/<token>} of the links in the sent emails, median and
 *   p99, each answer checked to be a redirect to the link that was signed.</li>
 * </ol>
 * A part whose endpoint or function is missing from the build is reported NOT MEASURED with the reason, never a figure.
 */
final class TrackingBench {

    private static final String TABLE = "herald-bench-tracking";
    private static final String TENANT = "bench-tracking";
    private static final String CTA_URL = "https://shop.bench.example/spring-harvest";
    private static final String VERIFICATION_KEY_FIELD = "webhookVerificationKey";
    private static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    private static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final Duration VISIBILITY = Duration.ofSeconds(60);
    private static final Duration INVOCATION_TIMEOUT = VISIBILITY.minusSeconds(10);
    private static final Duration POLL_WAIT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> WORKERS = List.of("plan", "generate", "send", "track");
    /** Rounds of (a), alternating bare and ingest, so that drift in the machine's load hits both alike. */
    private static final int ROUNDS = 4;

    /** (a): requests answered per second, by kind, over the measured rounds. */
    record Ingest(int eventsPerRequest, int concurrency, int requests, double ingestSeconds, double bareSeconds, long ingestAccepted,
                  double apiReadsPerRequest, double apiWritesPerRequest, String bareAnswer) {

        double ingestRequestsPerSecond() {
            return requests / ingestSeconds;
        }

        double bareRequestsPerSecond() {
            return requests / bareSeconds;
        }

        double eventsPerSecond() {
            return ingestAccepted / ingestSeconds;
        }

        double ratio() {
            return ingestRequestsPerSecond() / bareRequestsPerSecond();
        }
    }

    /** (b): what track wrote for the events posted. */
    record Apply(int unique, int posted, int requests, long writes, long reads, Map<String, CountingProxy.Tally> byOperation, long invocations,
                 double seconds, String metrics) {

        double perUnique() {
            return writes / (double) unique;
        }

        double perPosted() {
            return writes / (double) posted;
        }
    }

    /** (c): click latencies in milliseconds. */
    record Clicks(List<Double> latencyMs, int links, String location) {
    }

    private final Map<String, Integer> numbers;
    private final Path logs;
    private final UnaryOperator<AutoCloseable> keep;
    private final Http http = new Http();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String adminKey = "bench-admin-" + java.util.UUID.randomUUID();
    private final Map<String, CountingProxy> dynamoDbProxies = new LinkedHashMap<>();
    private final Map<String, LocalLambda> workers = new LinkedHashMap<>();
    private final List<String> notMeasured = new ArrayList<>();

    TrackingBench(Map<String, Integer> numbers, Path logs, UnaryOperator<AutoCloseable> keep) {
        this.numbers = numbers;
        this.logs = logs;
        this.keep = keep;
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T kept(T resource) {
        return (T) keep.apply(resource);
    }

    void run(PrintStream out, List<String> verdicts) throws Exception {
        Path workerJar = LocalPaths.runnerJar("functions/worker");
        Set<String> exports = WorkerExports.declared(workerJar);
        for (String needed : List.of("plan", "generate", "send")) {
            if (!exports.contains(needed)) {
                throw new IllegalStateException("the worker build has no '" + needed + "' export; the tracking section sends a campaign first");
            }
        }
        boolean hasTrack = exports.contains("track");

        Bench.progress("tracking: dynalite, ElasticMQ, stub SendGrid, counting proxies");
        Dynalite dynalite = kept(Dynalite.start());
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDefinition.ensureTable(dynamoDb, TABLE);
        }
        ElasticMq elasticMq = kept(ElasticMq.start());
        StubProvider provider = kept(StubProvider.start(Duration.ofMillis(20)));
        for (String who : List.of("api", "plan", "generate", "send", "track")) {
            dynamoDbProxies.put(who, kept(CountingProxy.start(dynalite.endpoint(), CountingProxy::dynamoDbItem)));
        }
        SqsClient sqs = kept(ElasticMq.client(elasticMq.endpoint()));
        Map<String, WorkQueues.Queue> queues = new LinkedHashMap<>();
        for (String name : List.of(WorkQueues.SEND, WorkQueues.GENERATE, WorkQueues.TRACK, WorkQueues.WEBHOOKS)) {
            queues.put(name, WorkQueues.ensure(sqs, WorkQueues.Spec.of(name, VISIBILITY)));
        }

        Bench.progress("tracking: api and worker functions (" + String.join(", ", WORKERS.stream().filter(exports::contains).toList())
                + ") as local Lambdas");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HERALD_STORE_TABLE", TABLE);
        env.put("HERALD_SQS_ENDPOINT_OVERRIDE", elasticMq.endpoint().toString());
        env.put("HERALD_QUEUES_SEND_URL", queues.get(WorkQueues.SEND).url());
        env.put("HERALD_QUEUES_GENERATE_URL", queues.get(WorkQueues.GENERATE).url());
        env.put("HERALD_QUEUES_TRACK_URL", queues.get(WorkQueues.TRACK).url());
        env.put("HERALD_QUEUES_WEBHOOKS_URL", queues.get(WorkQueues.WEBHOOKS).url());
        env.put("HERALD_SECRETS_KEY", randomKey());
        env.put("HERALD_UNSUBSCRIBE_SIGNING_KEY", randomKey());
        env.put("HERALD_TRACKING_SIGNING_KEY", randomKey());
        env.put("HERALD_PROVIDERS_SENDGRID_BASE_URL", provider.baseUrl().toString());
        LocalLambda api = kept(LocalLambda.start(LocalLambda.Options.http("herald-api", LocalPaths.runnerJar("functions/api"))
                .withEnv(functionEnv(env, "api", Map.of("HERALD_ADMIN_KEY", adminKey)))
                .withOutput(ProcessBuilder.Redirect.to(logs.resolve("tracking-api.log").toFile()))));
        env.put("HERALD_UNSUBSCRIBE_BASE_URL", api.url().toString());
        env.put("HERALD_TRACKING_BASE_URL", api.url().toString());
        for (String export : WORKERS) {
            if (exports.contains(export)) {
                workers.put(export, kept(LocalLambda.start(LocalLambda.Options.events("herald-" + export, workerJar, LocalStack.FUNQY_HANDLER)
                        .withEnv(functionEnv(env, export, Map.of("QUARKUS_FUNQY_EXPORT", export)))
                        .withOutput(ProcessBuilder.Redirect.to(logs.resolve("tracking-" + export + ".log").toFile())))));
            }
        }
        api.awaitFirstResponse("/q/openapi", Duration.ofMinutes(3));

        KeyPair sendGridKey = sendGridKeyPair();
        String apiKey = tenant(api, sendGridKey);
        List<StubProvider.Delivery> sent = sendCampaign(api, apiKey, sqs, queues, provider);

        Optional<Clicks> clicks = clicks(api, sent);
        Optional<Ingest> ingest = ingest(api, sendGridKey, sent);
        Optional<Apply> apply = Optional.empty();
        if (!hasTrack) {
            notMeasured.add("(b) writes per event: this worker build has no 'track' export");
        } else if (ingest.isPresent()) {
            apply = apply(api, sendGridKey, sent, sqs, queues.get(WorkQueues.TRACK));
        } else {
            notMeasured.add("(b) writes per event: it posts through the SendGrid receiver, which (a) found missing");
        }
        print(out, ingest, apply, clicks, verdicts);
    }

    private Map<String, String> functionEnv(Map<String, String> common, String who, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbProxies.get(who).endpoint().toString());
        env.putAll(extra);
        return env;
    }

    // --- the tenant and the campaign whose messages the events name

    /** The tenant, its settings and its SendGrid account with the webhook's public key; null for the key if the api has no such field. */
    private String tenant(LocalLambda api, KeyPair sendGridKey) throws IOException {
        String apiKey = http.postOk(api.url(), "/v1/admin/tenants", adminKey, Map.of("id", TENANT, "name", "Bench Tea Shop")).path("apiKey").asText();
        this.tenantKey = apiKey;
        http.ok("PUT", api.url(), "/v1/settings", apiKey, Map.of(
                "modelFields", List.of("locale", "timezone"), "linkDomains", List.of("shop.bench.example"), "bannedPhrases", List.of(),
                "brandName", "Bench Tea Shop", "senderDomains", List.of("bench.example"), "postalAddress", "1 Bench Street, 10115 Berlin, Germany"));
        String publicKey = Base64.getEncoder().encodeToString(sendGridKey.getPublic().getEncoded());
        Http.Answer withKey = send("PUT", api.url(), "/v1/providers/sendgrid", apiKey,
                Map.of("apiKey", "SG.bench-not-a-real-key", VERIFICATION_KEY_FIELD, publicKey));
        if (!withKey.ok()) {
            notMeasured.add("(a) webhook ingest: PUT /v1/providers/sendgrid refused the '" + VERIFICATION_KEY_FIELD + "' setting ("
                    + withKey.status() + ": " + abbreviate(withKey.body()) + "); this api has no SendGrid signed webhook");
            http.ok("PUT", api.url(), "/v1/providers/sendgrid", apiKey, Map.of("apiKey", "SG.bench-not-a-real-key"));
            // The campaign still goes out, for the click tokens; the SendGrid parts are skipped.
            this.noSendGridWebhook = true;
        }
        return apiKey;
    }

    private boolean noSendGridWebhook;

    /** Sends one campaign to the stub and answers what the stub received (each with Herald's message id and its click links). */
    private List<StubProvider.Delivery> sendCampaign(LocalLambda api, String apiKey, SqsClient sqs, Map<String, WorkQueues.Queue> queues,
                                                     StubProvider provider) throws Exception {
        int recipients = numbers.get("track-recipients");
        Bench.progress(String.format("tracking: %,d contacts and a campaign through the SendGrid stub, for real message ids and click tokens", recipients));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            String id = "t-" + i;
            contacts.add(Map.of("id", id, "email", id + "@mail.bench.example", "locale", "en", "timezone", "UTC",
                    "attributes", Map.of("cohort", "t", "firstName", "Reader" + i), "consent", Map.of("email", Map.of("status", "granted"))));
            if (contacts.size() == 100 || i == recipients - 1) {
                JsonNode result = http.ok("POST", api.url(), "/v1/contacts", apiKey, Map.of("contacts", contacts));
                if (result.path("rejected").asLong() > 0) {
                    throw new IllegalStateException("contacts rejected: " + abbreviate(result.toString()));
                }
                contacts = new ArrayList<>();
            }
        }
        http.ok("POST", api.url(), "/v1/segments", apiKey, Map.of("id", "bench-t", "name", "Tracking audience",
                "rule", Map.of("all", List.of(Map.of("consent", "email"), Map.of("attribute", "cohort", "op", "eq", "value", "t")))));
        String campaign = http.postOk(api.url(), "/v1/campaigns", apiKey, Map.of(
                "name", "Tracking",
                "brief", Map.of("goal", "Bring readers back for the spring harvest", "product", "Spring green tea", "ctaUrl", CTA_URL),
                "variants", List.of(Map.of("id", "A"), Map.of("id", "B")),
                "segment", Map.of("id", "bench-t"),
                "sender", Map.of("from", "Bench Tea <news@bench.example>"),
                "provider", "sendgrid",
                "schedule", Map.of("type", "now"),
                "rateLimitPerMinute", 100_000,
                "content", Map.of("fallback", "template"))).path("id").asText();
        http.postOk(api.url(), "/v1/campaigns/" + campaign + "/schedule", apiKey, Map.of());
        this.campaignId = campaign;
        SqsPoller generate = kept(SqsPoller.start(sqs, SqsPoller.Options.of(queues.get(WorkQueues.GENERATE), workers.get("generate").eventUrl(),
                INVOCATION_TIMEOUT).withBatchSize(1).withWaitTime(POLL_WAIT)));
        SqsPoller send = kept(SqsPoller.start(sqs, SqsPoller.Options.of(queues.get(WorkQueues.SEND), workers.get("send").eventUrl(),
                INVOCATION_TIMEOUT).withWaitTime(POLL_WAIT)));
        Tick tick = kept(Tick.start(new Tick.Options("herald-plan", workers.get("plan").eventUrl(), Duration.ofHours(1), INVOCATION_TIMEOUT,
                Clock.systemUTC())));
        for (int ticks = 0; ticks < 20 && progress(api, apiKey, campaign).path("planned").asLong() < recipients; ticks++) {
            Tick.Result result = tick.fire();
            if (!result.succeeded()) {
                throw new IllegalStateException("the plan tick failed: " + result.status() + " " + result.answer());
            }
        }
        waitFor("every recipient at the stub provider", Duration.ofMinutes(4), () -> provider.count() >= recipients);
        Thread.sleep(1000);
        tick.close();
        generate.close();
        send.close();
        // The measured parts run beside the api and track only: the sending functions' JVMs would share the cores.
        for (String done : List.of("plan", "generate", "send")) {
            workers.remove(done).close();
        }
        List<StubProvider.Delivery> deliveries = provider.deliveries();
        sentBy = Instant.now();
        if (deliveries.stream().anyMatch(d -> d.messageId() == null || !TENANT.equals(d.tenantId()))) {
            throw new IllegalStateException("a message reached the provider without Herald's herald-message-id / herald-tenant custom args");
        }
        long links = deliveries.stream().mapToLong(d -> d.clickPaths().size()).sum();
        Bench.progress(String.format("  %,d messages sent, %,d click links in them", deliveries.size(), links));
        return deliveries;
    }

    private String campaignId;
    /** When the last message had gone out. */
    private Instant sentBy = Instant.now();

    // --- (c) click redirects

    private Optional<Clicks> clicks(LocalLambda api, List<StubProvider.Delivery> sent) throws Exception {
        List<String> paths = sent.stream().flatMap(d -> d.clickPaths().stream()).toList();
        if (paths.isEmpty()) {
            notMeasured.add("(c) click latency: the sent emails carry no /t/c/<token> links (no first-party click tracking in this build,"
                    + " or the send step did not rewrite the CTA link)");
            return Optional.empty();
        }
        int warmup = numbers.get("click-warmup");
        int count = numbers.get("clicks");
        Bench.progress(String.format("tracking (c): %d warm-up and %,d measured GET /t/c/<token>, sequential, over %,d links", warmup, count, paths.size()));
        List<Double> latency = new ArrayList<>();
        String location = null;
        for (int i = 0; i < warmup + count; i++) {
            String path = paths.get(i % paths.size());
            HttpRequest request = HttpRequest.newBuilder(api.url().resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")
                    .GET().build();
            long begin = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - begin;
            Optional<String> to = response.headers().firstValue("Location");
            Optional<String> signed = signedUrl(path.substring(path.lastIndexOf('/') + 1));
            boolean redirected = response.statusCode() / 100 == 3 && to.isPresent()
                    && (signed.isPresent() ? to.get().equals(signed.get()) : to.get().matches("https?://.+") && !to.get().startsWith(api.url().toString()));
            if (!redirected) {
                String why = "GET " + path.substring(0, Math.min(path.length(), 24)) + "... answered " + response.statusCode()
                        + to.map(l -> " to " + l).orElse(" without a Location") + ": " + abbreviate(response.body());
                if (i == 0) {
                    notMeasured.add("(c) click latency: " + why + " (expected a redirect to " + signed.orElse("the link's own URL") + ")");
                    return Optional.empty();
                }
                throw new IllegalStateException("a click redirect failed after " + i + " good ones: " + why);
            }
            location = to.get();
            if (i >= warmup) {
                latency.add(nanos / 1e6);
            }
        }
        Stats stats = Stats.of(latency);
        Bench.progress(String.format("  median %.1f ms, p99 %.1f ms", stats.median(), stats.percentile(99)));
        return Optional.of(new Clicks(latency, paths.size(), location));
    }

    /**
     * The target URL a click token carries, read as the first-party slice writes it (base64url of version 1, kind
     * 'c', three length-prefixed UTF-8 fields tenant, message, URL, then the link numbers and the MAC); empty when the
     * token is not in that shape, and the redirect is then only checked to leave the api for an http(s) URL. Nothing
     * is verified here: the api does that.
     */
    static Optional<String> signedUrl(String token) {
        try {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
            if (bytes.get() != 1 || bytes.get() != 'c') {
                return Optional.empty();
            }
            String url = null;
            for (int field = 0; field < 3; field++) {
                byte[] text = new byte[Short.toUnsignedInt(bytes.getShort())];
                bytes.get(text);
                url = new String(text, StandardCharsets.UTF_8);
            }
            return bytes.remaining() == 8 + 16 && url.matches("https?://.+") ? Optional.of(url) : Optional.empty();
        } catch (RuntimeException notThatShape) {
            return Optional.empty();
        }
    }

    // --- (a) webhook ingest against the bare floor of the same resource

    private Optional<Ingest> ingest(LocalLambda api, KeyPair key, List<StubProvider.Delivery> sent) throws Exception {
        if (noSendGridWebhook) {
            return Optional.empty();
        }
        int n = numbers.get("hook-events");
        int c = numbers.get("hook-concurrency");
        int requests = numbers.get("hook-requests");
        int warmup = numbers.get("hook-warmup");
        Bench.progress(String.format("tracking (a): %d warm-up, then %d rounds of %d bare and %d signed POSTs of %d SendGrid events, %d at once",
                warmup, ROUNDS, requests / ROUNDS, requests / ROUNDS, n, c));
        AtomicInteger serial = new AtomicInteger();
        String tenantPath = "/hooks/sendgrid/" + TENANT;
        String barePath = "/hooks/none/" + TENANT;

        // The first signed request tells whether the receiver is there at all.
        Http.Answer first = postSigned(api, tenantPath, key, events(sent, n, serial, "delivered"));
        if (first.status() == 404 || first.status() == 405) {
            notMeasured.add("(a) webhook ingest: POST " + tenantPath + " answered " + first.status() + ": " + abbreviate(first.body())
                    + " (no SendGrid receiver in this api build)");
            return Optional.empty();
        }
        if (!first.ok()) {
            throw new IllegalStateException("a signed SendGrid webhook was refused: " + first.status() + " " + abbreviate(first.body()));
        }
        long acceptedFirst = first.json().path("accepted").asLong(-1);
        if (acceptedFirst != n) {
            throw new IllegalStateException("the receiver accepted " + acceptedFirst + " of " + n + " events: " + abbreviate(first.body()));
        }
        Http.Answer bare = post(api, barePath, Map.of(), events(sent, n, serial, "delivered"));
        int bareStatus = bare.status();
        if (bareStatus / 100 != 4) {
            throw new IllegalStateException("the bare request POST " + barePath + " was expected to be refused (404), not answered " + bareStatus);
        }
        run(c, warmup, i -> postSigned(api, tenantPath, key, events(sent, n, serial, "delivered")));
        run(c, warmup, i -> post(api, barePath, Map.of(), events(sent, n, serial, "delivered")));

        double ingestSeconds = 0;
        double bareSeconds = 0;
        long accepted = 0;
        int perRound = requests / ROUNDS;
        dynamoDbProxies.get("api").reset();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> bareBodies = new ArrayList<>();
            List<Signed> signed = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                bareBodies.add(events(sent, n, serial, "delivered"));
                signed.add(sign(key, events(sent, n, serial, round % 2 == 0 ? "open" : "delivered")));
            }
            bareSeconds += timed(c, perRound, i -> post(api, barePath, Map.of(), bareBodies.get(i)), status -> status == bareStatus);
            long[] acceptedHere = new long[1];
            ingestSeconds += timed(c, perRound, i -> {
                Http.Answer answer = post(api, tenantPath, signed.get(i).headers(), signed.get(i).body());
                if (answer.ok()) {
                    synchronized (acceptedHere) {
                        acceptedHere[0] += answer.json().path("accepted").asLong();
                    }
                }
                return answer;
            }, status -> status / 100 == 2);
            accepted += acceptedHere[0];
        }
        // The bare requests stop before any store access, so what the api's proxy saw belongs to the signed ones.
        Map<String, CountingProxy.Tally> apiCalls = dynamoDbProxies.get("api").tallies();
        double signedRequests = ROUNDS * (double) perRound;
        double reads = apiCalls.entrySet().stream().filter(e -> !isWrite(e.getKey())).mapToLong(e -> e.getValue().requests()).sum() / signedRequests;
        double writes = apiCalls.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(e -> e.getValue().units()).sum() / signedRequests;
        Ingest result = new Ingest(n, c, ROUNDS * perRound, ingestSeconds, bareSeconds, accepted, reads, writes, Integer.toString(bareStatus));
        Bench.progress(String.format("  ingest %.1f requests/s = %,.0f events/s; bare %.1f requests/s; ratio %.2f", result.ingestRequestsPerSecond(),
                result.eventsPerSecond(), result.bareRequestsPerSecond(), result.ratio()));
        return Optional.of(result);
    }

    /** One step of a run of requests: its answer. */
    private interface Step {
        Http.Answer call(int index) throws Exception;
    }

    /** Runs count steps on c threads and answers the seconds from the first start to the last answer; each must answer as expected. */
    private double timed(int c, int count, Step step, java.util.function.IntPredicate expected) throws Exception {
        long begin = System.nanoTime();
        List<Http.Answer> answers = run(c, count, step);
        double seconds = (System.nanoTime() - begin) / 1e9;
        for (Http.Answer answer : answers) {
            if (!expected.test(answer.status())) {
                throw new IllegalStateException("a measured request answered " + answer.status() + ": " + abbreviate(answer.body()));
            }
        }
        return seconds;
    }

    private List<Http.Answer> run(int c, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(c);
        try {
            List<Future<Http.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> step.call(index)));
            }
            List<Http.Answer> answers = new ArrayList<>();
            for (Future<Http.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- (b) what the track function writes per event

    private Optional<Apply> apply(LocalLambda api, KeyPair key, List<StubProvider.Delivery> sent, SqsClient sqs, WorkQueues.Queue track)
            throws Exception {
        int unique = numbers.get("track-events");
        int duplicates = numbers.get("track-duplicates");
        int batch = 100;
        Bench.progress(String.format("tracking (b): %,d events (delivered, opens, clicks over %,d messages) posted in batches of %d,"
                + " %,d of them posted again; then the track function applies the queue", unique, sent.size(), batch, duplicates));
        // What (a) and (c) queued is not part of this measure.
        sqs.purgeQueue(b -> b.queueUrl(track.url()));
        Thread.sleep(1500);
        waitFor("the track queue to empty after the purge", Duration.ofSeconds(30), () -> depth(sqs, track) == 0);

        List<ObjectNode> events = new ArrayList<>();
        String[] kinds = {"delivered", "open", "click", "open", "click"};
        // Well after the sends (a click within seconds of its send is a scanner's: herald.tracking.fast-click, 10 s),
        // a second apart per kind.
        long settle = Duration.between(Instant.now(), sentBy.plusSeconds(15)).toMillis();
        if (settle > 0) {
            Thread.sleep(settle);
        }
        long at = Instant.now().getEpochSecond();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < unique; i++) {
            StubProvider.Delivery message = sent.get(i % sent.size());
            String kind = kinds[(i / sent.size()) % kinds.length];
            events.add(event(message, kind, "apply-" + i, at + i / sent.size()));
            expected.merge(kind, 1, Integer::sum);
        }
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < events.size(); from += batch) {
            ArrayNode array = Http.JSON.createArrayNode();
            events.subList(from, Math.min(events.size(), from + batch)).forEach(array::add);
            bodies.add(array.toString());
        }
        // SendGrid retries a whole batch it got no 2xx for: the duplicates come as batches posted again.
        List<String> posted = new ArrayList<>(bodies);
        int again = 0;
        for (int i = 0; again < duplicates && i < bodies.size(); i++) {
            ArrayNode copy = (ArrayNode) Http.JSON.readTree(bodies.get(i));
            ArrayNode part = Http.JSON.createArrayNode();
            for (int j = 0; j < copy.size() && again < duplicates; j++, again++) {
                part.add(copy.get(j));
            }
            posted.add(part.toString());
        }
        int postedEvents = unique + again;
        for (String body : posted) {
            Http.Answer answer = postSigned(api, "/hooks/sendgrid/" + TENANT, key, body);
            if (!answer.ok()) {
                throw new IllegalStateException("posting the events to apply failed: " + answer.status() + " " + abbreviate(answer.body()));
            }
        }
        long queued = depth(sqs, track);
        dynamoDbProxies.get("track").reset();
        long begin = System.nanoTime();
        SqsPoller poller = kept(SqsPoller.start(sqs, SqsPoller.Options.of(track, workers.get("track").eventUrl(), INVOCATION_TIMEOUT)
                .withWaitTime(POLL_WAIT)));
        waitFor("the track function to apply every queued job", Duration.ofMinutes(numbers.get("timeout-minutes")),
                () -> depth(sqs, track) == 0 && poller.deleted() >= queued || poller.retried() > 0);
        double seconds = (System.nanoTime() - begin) / 1e9;
        Thread.sleep(1000);
        poller.close();
        if (poller.retried() > 0) {
            throw new IllegalStateException("the track function failed " + poller.retried() + " of its queue messages; see "
                    + LocalPaths.projectRoot().relativize(logs.resolve("tracking-track.log")));
        }
        Map<String, CountingProxy.Tally> calls = dynamoDbProxies.get("track").tallies();
        long writes = calls.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(e -> e.getValue().units()).sum();
        long reads = calls.entrySet().stream().filter(e -> !isWrite(e.getKey())).mapToLong(e -> e.getValue().requests()).sum();
        if (writes == 0) {
            throw new IllegalStateException("the track function took " + poller.deleted() + " queue messages but wrote nothing to DynamoDB");
        }
        String metrics = metricsLine(api, expected);
        Apply result = new Apply(unique, postedEvents, posted.size(), writes, reads, calls, poller.invocations(), seconds, metrics);
        Bench.progress(String.format("  %,d queue messages applied in %.1f s by %d invocations: %,d writes = %.2f per unique event, %.2f per posted event",
                poller.deleted(), seconds, poller.invocations(), writes, result.perUnique(), result.perPosted()));
        return Optional.of(result);
    }

    /**
     * What the metrics endpoint counts afterwards against what was posted (each kind once per unique event; opens and
     * clicks human + machine), when the build has it: a cross-check printed beside the figure, not a figure itself.
     */
    private String metricsLine(LocalLambda api, Map<String, Integer> expected) {
        try {
            Http.Answer answer = http.get(api.url(), "/v1/campaigns/" + campaignId + "/metrics", tenantKey, REQUEST_TIMEOUT);
            if (!answer.ok()) {
                return "GET /v1/campaigns/{id}/metrics answered " + answer.status();
            }
            JsonNode total = answer.json().path("total");
            long delivered = total.path("delivered").asLong(-1);
            long opens = total.path("opens").path("human").path("total").asLong(-1) + total.path("opens").path("machine").path("total").asLong(0);
            long clicksHuman = total.path("clicks").path("human").path("total").asLong(-1);
            long clicksMachine = total.path("clicks").path("machine").path("total").asLong(0);
            boolean equal = delivered == expected.getOrDefault("delivered", 0) && opens == expected.getOrDefault("open", 0)
                    && clicksHuman + clicksMachine == expected.getOrDefault("click", 0);
            return String.format("delivered %d, opens %d, clicks %d (%d human, %d machine); posted %s: %s", delivered, opens,
                    clicksHuman + clicksMachine, clicksHuman, clicksMachine, expected, equal ? "equal" : "DIFFERENT");
        } catch (IOException | RuntimeException e) {
            return "GET /v1/campaigns/{id}/metrics could not be read: " + e.getMessage();
        }
    }

    private String tenantKey;

    private static long depth(SqsClient sqs, WorkQueues.Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    // --- SendGrid payloads and signatures, as SendGrid's Signed Event Webhook sends them

    /** A batch of n events of one kind, each with a fresh sg_event_id, naming the sent messages in turn. */
    private static String events(List<StubProvider.Delivery> sent, int n, AtomicInteger serial, String kind) {
        ArrayNode array = Http.JSON.createArrayNode();
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < n; i++) {
            int id = serial.getAndIncrement();
            array.add(event(sent.get(id % sent.size()), kind, "ingest-" + id, now));
        }
        return array.toString();
    }

    private static ObjectNode event(StubProvider.Delivery message, String kind, String id, long timestamp) {
        ObjectNode event = Http.JSON.createObjectNode();
        event.put("email", message.to());
        event.put("timestamp", timestamp);
        event.put("event", kind);
        event.put("sg_event_id", "bench-" + id);
        event.put("sg_message_id", message.providerMessageId() + ".filterdrecv-bench-1-1");
        event.put("smtp-id", "<" + message.providerMessageId() + "@bench.sendgrid.net>");
        event.put("herald-message-id", message.messageId());
        event.put("herald-tenant", message.tenantId());
        if (kind.equals("open") || kind.equals("click")) {
            event.put("useragent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36");
            event.put("ip", "203.0.113.7");
            event.put("sg_machine_open", false);
        }
        if (kind.equals("click")) {
            event.put("url", CTA_URL);
        }
        return event;
    }

    /** A body and the two headers that sign it. */
    private record Signed(String body, Map<String, String> headers) {
    }

    private static Signed sign(KeyPair key, String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key.getPrivate());
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body.getBytes(StandardCharsets.UTF_8));
            return new Signed(body, Map.of(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(ecdsa.sign()), TIMESTAMP_HEADER, timestamp));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is part of every JDK", e);
        }
    }

    private static KeyPair sendGridKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is part of every JDK", e);
        }
    }

    private Http.Answer postSigned(LocalLambda api, String path, KeyPair key, String body) throws IOException {
        Signed signed = sign(key, body);
        return post(api, path, signed.headers(), signed.body());
    }

    private Http.Answer post(LocalLambda api, String path, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "SendGrid Event API")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private Http.Answer send(String method, URI base, String path, String bearer, Object body) throws IOException {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body))).build());
    }

    private Http.Answer exchange(HttpRequest request) throws IOException {
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.body(), System.nanoTime() - begin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private JsonNode progress(LocalLambda api, String apiKey, String campaign) throws IOException {
        return http.ok("GET", api.url(), "/v1/campaigns/" + campaign, apiKey, null).path("progress");
    }

    private static boolean isWrite(String operation) {
        return operation.startsWith("PutItem") || operation.startsWith("UpdateItem") || operation.startsWith("DeleteItem")
                || operation.startsWith("BatchWriteItem");
    }

    private static void waitFor(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    // --- the table

    private void print(PrintStream out, Optional<Ingest> ingest, Optional<Apply> apply, Optional<Clicks> clicks, List<String> verdicts) {
        out.println();
        out.println("4. Tracking: one api instance = one local Lambda (the runner jar under AWS's runtime client: one request at a time, as one");
        out.println("   Lambda execution environment takes them); track as a local Lambda fed by the SQS poller; every event names a message");
        out.println("   Herald sent through a SendGrid stub, every click token is one the send step signed into an email.");
        ingest.ifPresent(a -> {
            out.printf("   (a) signed SendGrid batches of %d events, %d clients at once, %d requests each way in %d alternating rounds;%n",
                    a.eventsPerRequest(), a.concurrency(), a.requests(), ROUNDS);
            out.println("       bare = the same POST to /hooks/none/<tenant>, refused (" + a.bareAnswer() + ") before any work: the application's floor");
            row(out, "webhook requests per second", String.format("%.1f", a.ingestRequestsPerSecond()), "");
            row(out, "  webhook events ingested per second", String.format("%,.0f", a.eventsPerSecond()), "");
            row(out, "  bare requests per second", String.format("%.1f", a.bareRequestsPerSecond()), "");
            row(out, "  ingest / bare, requests per second", String.format("%.2f", a.ratio()), "");
            row(out, "  api DynamoDB reads / writes per webhook", String.format("%.2f / %.2f", a.apiReadsPerRequest(), a.apiWritesPerRequest()), "");
            verdicts.add(String.format("webhook ingest: %,.0f events/s by one api instance (%d per request), %.2fx the bare endpoint's request rate",
                    a.eventsPerSecond(), a.eventsPerRequest(), a.ratio()));
        });
        apply.ifPresent(b -> {
            out.printf("   (b) %,d unique events (+%,d posted again) in %d webhook requests, applied by track in %.1f s (%d invocations)%n",
                    b.unique(), b.posted() - b.unique(), b.requests(), b.seconds(), b.invocations());
            row(out, "DynamoDB writes per unique event", String.format("%.2f", b.perUnique()), "<= 3");
            row(out, "  per event posted (duplicates included)", String.format("%.2f", b.perPosted()), "");
            row(out, "  reads per unique event", String.format("%.2f", b.reads() / (double) b.unique()), "");
            b.byOperation().forEach((operation, tally) -> out.printf("       %-44s %,8d requests %,8d items%n", operation, tally.requests(), tally.units()));
            out.println("       metrics afterwards: " + b.metrics());
            verdicts.add(String.format("DynamoDB writes per event %.2f (target <= 3): %s", b.perUnique(), b.perUnique() <= 3 ? "met" : "NOT met"));
        });
        clicks.ifPresent(c -> {
            Stats stats = Stats.of(c.latencyMs());
            out.printf("   (c) %,d sequential GET /t/c/<token> over %,d signed links (each a redirect to %s)%n", c.latencyMs().size(), c.links(), c.location());
            row(out, "click redirect latency, median", String.format("%.1f ms", stats.median()), "");
            row(out, "click redirect latency, p99", String.format("%.1f ms", stats.percentile(99)), "");
            verdicts.add(String.format("click redirect median %.1f ms, p99 %.1f ms", stats.median(), stats.percentile(99)));
        });
        for (String missing : notMeasured) {
            out.println("   NOT MEASURED " + missing);
            verdicts.add("tracking " + missing.substring(0, missing.indexOf(':')) + ": NOT MEASURED (" + missing.substring(missing.indexOf(':') + 2) + ")");
        }
    }

    private static void row(PrintStream out, String label, String value, String target) {
        out.printf("  %-44s %16s   %s%n", label, value, target);
    }
}
