package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.store.TableDefinition;
import io.herald.local.Dynalite;
import io.herald.local.ElasticMq;
import io.herald.local.LocalLambda;
import io.herald.local.LocalPaths;
import io.herald.local.LocalStack;
import io.herald.local.MailDev;
import io.herald.local.SqsPoller;
import io.herald.local.Tick;
import io.herald.local.WorkQueues;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.function.UnaryOperator;

/**
 * Section 3 of the benchmark (issue 5 §11): campaigns on the local stack as {@code infra/local} runs it (dynalite,
 * ElasticMQ, the api and the worker's plan, generate and send as local Lambdas, SQS pollers, the plan tick), with a
 * counting proxy in front of dynalite, ElasticMQ and each function's event server. Two campaigns run one after the
 * other: (A) N recipients through a SendGrid-compatible stub with a fixed latency, for one send instance's throughput;
 * (B) a 10,000-contact campaign on a segment with an event rule, 5 languages x 3 variants, through SMTP into MailDev,
 * for planning throughput, model calls and the time to the last message. Both give the AWS requests per 1,000 sends.
 */
final class CampaignBench {

    private static final String TABLE = "herald-bench-campaigns";
    private static final String TENANT = "bench-campaigns";
    private static final String CTA_URL = "https://shop.bench.example/spring-harvest";
    private static final List<String> LOCALES = List.of("en", "fr", "de", "es", "it");
    private static final List<String> FUNCTIONS = List.of("plan", "generate", "send");
    /** As infra/local: the work queues' visibility, and an invocation may take 10 s less. */
    private static final Duration VISIBILITY = Duration.ofSeconds(60);
    private static final Duration INVOCATION_TIMEOUT = VISIBILITY.minusSeconds(10);
    private static final Duration POLL_WAIT = Duration.ofSeconds(2);
    /** template.yaml: every worker function has 512 MB. */
    private static final double LAMBDA_GB = 0.5;

    /** us-east-1 list prices, USD (DynamoDB on-demand since 2024-11-01; SQS standard beyond the free tier; Lambda x86). */
    static final double DYNAMODB_PER_MILLION_WRITES = 0.625;
    static final double DYNAMODB_PER_MILLION_READS = 0.125;
    static final double SQS_PER_MILLION = 0.40;
    static final double LAMBDA_PER_GB_SECOND = 0.0000166667;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;

    /** What the AWS side of one campaign came to, counted at the proxies between its start and its last send. */
    record Usage(long sent, Map<String, Map<String, CountingProxy.Tally>> dynamoDb, Map<String, Map<String, CountingProxy.Tally>> sqs,
                 Map<String, CountingProxy.Tally> invocations) {

        long dynamoDb(String function, java.util.function.Predicate<String> operation) {
            return dynamoDb.getOrDefault(function, Map.of()).entrySet().stream().filter(e -> operation.test(e.getKey()))
                    .mapToLong(e -> e.getValue().units()).sum();
        }

        long writes(String function) {
            return dynamoDb(function, CampaignBench::isWrite);
        }

        long reads(String function) {
            return dynamoDb.getOrDefault(function, Map.of()).entrySet().stream().filter(e -> !isWrite(e.getKey()))
                    .mapToLong(e -> e.getValue().requests()).sum();
        }

        long allWrites() {
            return FUNCTIONS.stream().mapToLong(this::writes).sum();
        }

        long allReads() {
            return FUNCTIONS.stream().mapToLong(this::reads).sum();
        }

        long capacity(boolean writes) {
            return FUNCTIONS.stream().flatMap(f -> dynamoDb.getOrDefault(f, Map.of()).entrySet().stream())
                    .filter(e -> isWrite(e.getKey()) == writes).mapToLong(e -> e.getValue().capacity()).sum();
        }

        /** The send step's message writes: the claim (PutItem) and the record (UpdateItem) of the MSG item. */
        long sendStepWrites() {
            return dynamoDb("send", op -> isWrite(op) && op.endsWith(" MSG"));
        }

        /** The functions' requests as counted; the pollers' as a ReceiveMessage and a DeleteMessageBatch per batch they delivered. */
        long sqsRequests(String who) {
            if (who.equals("pollers")) {
                return 2 * (invocations("generate") + invocations("send"));
            }
            return sqs.getOrDefault(who, Map.of()).values().stream().mapToLong(CountingProxy.Tally::requests).sum();
        }

        long allSqs() {
            return Stream.of("plan", "generate", "send", "pollers").mapToLong(this::sqsRequests).sum();
        }

        long invocations(String function) {
            CountingProxy.Tally tally = invocations.get(function);
            return tally == null ? 0 : tally.requests();
        }

        long billedMillis(String function) {
            CountingProxy.Tally tally = invocations.get(function);
            return tally == null ? 0 : tally.billedMillis();
        }

        double gbSeconds() {
            return FUNCTIONS.stream().mapToLong(this::billedMillis).sum() / 1000.0 * LAMBDA_GB;
        }

        long allInvocations() {
            return FUNCTIONS.stream().mapToLong(this::invocations).sum();
        }

        double costUsd() {
            return capacity(true) / 1e6 * DYNAMODB_PER_MILLION_WRITES + capacity(false) / 1e6 * DYNAMODB_PER_MILLION_READS
                    + allSqs() / 1e6 * SQS_PER_MILLION + gbSeconds() * LAMBDA_PER_GB_SECOND + allInvocations() / 1e6 * LAMBDA_PER_MILLION_REQUESTS;
        }

        double perThousand(long value) {
            return sent == 0 ? Double.NaN : value * 1000.0 / sent;
        }
    }

    /** Campaign A: one send instance against the stub provider. */
    record Throughput(int recipients, int requests, int distinct, long sent, String failures, double seconds, int concurrency, long latencyMs, long sendInvocations,
                      double medianBatchMs, Usage usage) {

        double perSecond() {
            return seconds > 0 ? (requests - 1) / seconds : Double.NaN;
        }

        double bound() {
            return concurrency / (latencyMs / 1000.0);
        }
    }

    /** Campaign B: the 10,000-contact campaign into MailDev. */
    record Campaign(int recipients, int contacts, int ticks, double walkSeconds, long planned, double previewEvaluated, double previewMs,
                    long previewCount, int modelCalls, int groups, int variants, double toLastSeconds, long sent, String failures, long mailDevCount,
                    String mailDevNote, Usage usage) {
    }

    private final Map<String, Integer> numbers;
    private final Path logs;
    private final UnaryOperator<AutoCloseable> keep;
    private final Http http = new Http();
    private final String adminKey = "bench-admin-" + java.util.UUID.randomUUID();
    private final Map<String, CountingProxy> dynamoDbProxies = new LinkedHashMap<>();
    private final Map<String, CountingProxy> sqsProxies = new LinkedHashMap<>();
    private final Map<String, CountingProxy> invokeProxies = new LinkedHashMap<>();
    private final Map<String, LocalLambda> workers = new LinkedHashMap<>();

    CampaignBench(Map<String, Integer> numbers, Path logs, UnaryOperator<AutoCloseable> keep) {
        this.numbers = numbers;
        this.logs = logs;
        this.keep = keep;
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T kept(T resource) {
        return (T) keep.apply(resource);
    }

    /** Runs both campaigns and prints the section; adds its verdicts. */
    void run(PrintStream out, List<String> verdicts) throws Exception {
        int sends = numbers.get("sends");
        int recipients = numbers.get("recipients");
        Bench.progress("campaigns: dynalite, ElasticMQ, MailDev, stub model, stub provider, counting proxies");
        Dynalite dynalite = kept(Dynalite.start());
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDefinition.ensureTable(dynamoDb, TABLE);
        }
        ElasticMq elasticMq = kept(ElasticMq.start());
        MailDev mailDev = kept(MailDev.start());
        StubModel model = kept(StubModel.start(Duration.ofMillis(numbers.get("model-delay-ms")), CTA_URL));
        StubProvider provider = kept(StubProvider.start(Duration.ofMillis(numbers.get("provider-latency-ms"))));
        for (String who : List.of("api", "plan", "generate", "send")) {
            dynamoDbProxies.put(who, kept(CountingProxy.start(dynalite.endpoint(), CountingProxy::dynamoDbItem)));
            sqsProxies.put(who, kept(CountingProxy.start(elasticMq.endpoint(), CountingProxy::awsOperation)));
        }
        // The pollers talk to ElasticMQ directly: their long-polling ReceiveMessage never got an answer through the proxy.
        // Their requests are counted from their own tallies instead (a receive and a delete per batch).
        SqsClient pollerSqs = kept(ElasticMq.client(elasticMq.endpoint()));
        Map<String, WorkQueues.Queue> queues = new LinkedHashMap<>();
        try (SqsClient admin = elasticMq.client()) {
            for (String name : List.of(WorkQueues.SEND, WorkQueues.GENERATE)) {
                queues.put(name, WorkQueues.ensure(admin, WorkQueues.Spec.of(name, VISIBILITY)));
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("HERALD_STORE_TABLE", TABLE);
        env.put("HERALD_QUEUES_SEND_URL", queues.get(WorkQueues.SEND).url());
        env.put("HERALD_QUEUES_GENERATE_URL", queues.get(WorkQueues.GENERATE).url());
        env.put("HERALD_SECRETS_KEY", randomKey());
        env.put("HERALD_UNSUBSCRIBE_SIGNING_KEY", randomKey());
        env.put("HERALD_UNSUBSCRIBE_BASE_URL", "http://localhost:8080");
        env.put("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", model.baseUrl().toString());
        env.put("QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", "sk-bench-not-a-real-key");
        // Provider settings no longer take a tenant's base URL (SSRF): the function's configuration points SendGrid at the stub.
        env.put("HERALD_PROVIDERS_SENDGRID_BASE_URL", provider.baseUrl().toString());

        Bench.progress("campaigns: api and worker functions (plan, generate, send) as local Lambdas");
        LocalLambda api = kept(LocalLambda.start(LocalLambda.Options.http("herald-api", LocalPaths.runnerJar("functions/api"))
                .withEnv(functionEnv(env, "api", Map.of("HERALD_ADMIN_KEY", adminKey)))
                .withOutput(ProcessBuilder.Redirect.to(logs.resolve("campaign-api.log").toFile()))));
        Path workerJar = LocalPaths.runnerJar("functions/worker");
        for (String export : FUNCTIONS) {
            LocalLambda worker = kept(LocalLambda.start(LocalLambda.Options.events("herald-" + export, workerJar, LocalStack.FUNQY_HANDLER)
                    .withEnv(functionEnv(env, export, Map.of("QUARKUS_FUNQY_EXPORT", export)))
                    .withOutput(ProcessBuilder.Redirect.to(logs.resolve("campaign-" + export + ".log").toFile()))));
            workers.put(export, worker);
            invokeProxies.put(export, kept(CountingProxy.start(worker.url(), request -> new CountingProxy.Key("invoke", 1))));
        }
        api.awaitFirstResponse("/q/openapi", Duration.ofMinutes(3));
        String apiKey = tenant(api, mailDev);

        seed(api, apiKey, "a", sends);
        http.ok("POST", api.url(), "/v1/segments", apiKey, Map.of("id", "bench-a", "name", "Throughput audience",
                "rule", Map.of("all", List.of(Map.of("consent", "email"), Map.of("attribute", "cohort", "op", "eq", "value", "a")))));
        http.ok("POST", api.url(), "/v1/segments", apiKey, Map.of("id", "bench-b", "name", "Viewed the spring harvest this month",
                "rule", Map.of("all", List.of(Map.of("consent", "email"), Map.of("attribute", "cohort", "op", "eq", "value", "b"),
                        Map.of("event", "product_viewed", "where", Map.of("sku", "TEA-42"), "within", "P30D")))));

        Tick tick = kept(Tick.start(new Tick.Options("herald-plan", invokeProxies.get("plan").rebase(workers.get("plan").eventUrl()),
                Duration.ofHours(1), INVOCATION_TIMEOUT, Clock.systemUTC())));
        kept(SqsPoller.start(pollerSqs, SqsPoller.Options.of(queues.get(WorkQueues.GENERATE),
                invokeProxies.get("generate").rebase(workers.get("generate").eventUrl()), INVOCATION_TIMEOUT).withBatchSize(1).withWaitTime(POLL_WAIT)));

        Throughput throughput = throughput(api, apiKey, tick, pollerSqs, queues.get(WorkQueues.SEND), provider, sends);
        // B's contacts come after A ran, so that A's planner walks only A's audience.
        seed(api, apiKey, "b", recipients);
        Campaign campaign = bigCampaign(api, apiKey, tick, mailDev, model, sends, recipients);
        print(out, throughput, campaign, verdicts);
    }

    private Map<String, String> functionEnv(Map<String, String> common, String who, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbProxies.get(who).endpoint().toString());
        env.put("HERALD_SQS_ENDPOINT_OVERRIDE", sqsProxies.get(who).endpoint().toString());
        env.put("HERALD_SEND_CONCURRENCY", Integer.toString(numbers.get("send-concurrency")));
        env.putAll(extra);
        return env;
    }

    private String tenant(LocalLambda api, MailDev mailDev) throws IOException {
        String apiKey = http.postOk(api.url(), "/v1/admin/tenants", adminKey, Map.of("id", TENANT, "name", "Bench Tea Shop")).path("apiKey").asText();
        http.ok("PUT", api.url(), "/v1/settings", apiKey, Map.of(
                "modelFields", List.of("locale", "timezone"), "linkDomains", List.of("shop.bench.example"), "bannedPhrases", List.of(),
                "brandName", "Bench Tea Shop", "senderDomains", List.of("bench.example"), "postalAddress", "1 Bench Street, 10115 Berlin, Germany"));
        http.ok("PUT", api.url(), "/v1/providers/sendgrid", apiKey, Map.of("apiKey", "SG.bench-not-a-real-key"));
        http.ok("PUT", api.url(), "/v1/providers/smtp", apiKey, Map.of("host", "127.0.0.1", "port", Integer.toString(mailDev.smtpPort()), "tls", "none"));
        return apiKey;
    }

    /** Cohort a (all English) for the throughput campaign; cohort b in five languages, each with a product view yesterday. */
    private void seed(LocalLambda api, String apiKey, String cohort, int count) throws IOException {
        int size = numbers.get("seed-batch");
        boolean withEvents = cohort.equals("b");
        Bench.progress(String.format("campaigns: seeding %,d contacts of cohort %s (%,d a request)%s", count, cohort, size, withEvents ? " and an event each" : ""));
        long begin = System.nanoTime();
        String yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (int from = 0; from < count; from += size) {
            List<Map<String, Object>> contacts = new ArrayList<>();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + size); i++) {
                String id = cohort + "-" + i;
                contacts.add(Map.of("id", id, "email", id + "@mail.bench.example", "locale", withEvents ? LOCALES.get(i % LOCALES.size()) : "en",
                        "timezone", "UTC", "attributes", Map.of("cohort", cohort, "firstName", "Reader" + i),
                        "consent", Map.of("email", Map.of("status", "granted"))));
                events.add(Map.of("id", "ev-" + id, "contactId", id, "type", "product_viewed", "time", yesterday, "properties", Map.of("sku", "TEA-42")));
            }
            rejectedNone("contacts", http.ok("POST", api.url(), "/v1/contacts", apiKey, Map.of("contacts", contacts)));
            if (withEvents) {
                rejectedNone("events", http.ok("POST", api.url(), "/v1/events", apiKey, Map.of("events", events)));
            }
            int done = Math.min(count, from + size);
            if (done % 2000 < size && done < count) {
                Bench.progress(String.format("  %,d of %,d", done, count));
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Bench.progress(String.format("  seeded in %.1f s (%,.0f contacts/s%s)", seconds, count / seconds, withEvents ? " with their events" : ""));
    }

    private static void rejectedNone(String what, JsonNode batchResult) {
        if (batchResult.path("rejected").asLong() > 0) {
            String text = batchResult.toString();
            throw new IllegalStateException(what + " rejected: " + text.substring(0, Math.min(400, text.length())));
        }
    }

    private String campaign(LocalLambda api, String apiKey, String name, String segment, String provider, int variants) throws IOException {
        List<Map<String, Object>> variantList = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            variantList.add(Map.of("id", String.valueOf((char) ('A' + v))));
        }
        String id = http.postOk(api.url(), "/v1/campaigns", apiKey, Map.of(
                "name", name,
                "brief", Map.of("goal", "Bring readers back for the spring harvest", "product", "Spring green tea", "ctaUrl", CTA_URL),
                "variants", variantList,
                "segment", Map.of("id", segment),
                "sender", Map.of("from", "Bench Tea <news@bench.example>"),
                "provider", provider,
                "schedule", Map.of("type", "now"),
                "rateLimitPerMinute", 100_000,
                "content", Map.of("fallback", "template"))).path("id").asText();
        http.postOk(api.url(), "/v1/campaigns/" + id + "/schedule", apiKey, Map.of());
        return id;
    }

    /** Recipients the send step is done with: sent, failed, skipped, suppressed or unknown. */
    private static long settled(JsonNode progress) {
        return progress.path("sent").asLong() + progress.path("failed").path("total").asLong() + progress.path("skipped").path("total").asLong()
                + progress.path("suppressed").asLong() + progress.path("unknown").asLong();
    }

    private JsonNode progress(LocalLambda api, String apiKey, String campaignId) throws IOException {
        return http.ok("GET", api.url(), "/v1/campaigns/" + campaignId, apiKey, null).path("progress");
    }

    /** Fires the plan tick back to back until the campaign is planned; answers {ticks, planned, seconds walking}. */
    private double[] planAll(LocalLambda api, String apiKey, Tick tick, String campaignId, int expected) throws IOException {
        int ticks = 0;
        double seconds = 0;
        long planned = 0;
        while (planned < expected && ticks < 50) {
            long begin = System.nanoTime();
            Tick.Result result = tick.fire();
            seconds += (System.nanoTime() - begin) / 1e9;
            ticks++;
            if (!result.succeeded()) {
                throw new IllegalStateException("the plan tick failed: " + result.status() + " " + result.answer());
            }
            planned = progress(api, apiKey, campaignId).path("planned").asLong();
            Bench.progress(String.format("  tick %d: %s; planned %,d of %,d", ticks, result.answer(), planned, expected));
        }
        return new double[] {ticks, planned, seconds};
    }

    private Throughput throughput(LocalLambda api, String apiKey, Tick tick, SqsClient pollerSqs, WorkQueues.Queue sendQueue,
                                  StubProvider provider, int sends) throws Exception {
        Bench.progress(String.format("campaigns A: %,d recipients via the SendGrid stub (%d ms); planning and generating before the send poller starts",
                sends, provider.latency().toMillis()));
        resetCounts();
        String id = campaign(api, apiKey, "Throughput", "bench-a", "sendgrid", 1);
        planAll(api, apiKey, tick, id, sends);
        waitFor("the generate job", Duration.ofMinutes(3), () -> invokeProxies.get("generate").tallies().values().stream().mapToLong(CountingProxy.Tally::requests).sum() >= 1);
        // The queue holds every recipient now: the send instance works through it as fast as it can.
        kept(SqsPoller.start(pollerSqs, SqsPoller.Options.of(sendQueue, invokeProxies.get("send").rebase(workers.get("send").eventUrl()),
                INVOCATION_TIMEOUT).withWaitTime(POLL_WAIT)));
        waitFor("every recipient sent or failed", Duration.ofSeconds(120 + sends / 5), () -> settled(progress(api, apiKey, id)) >= sends);
        Thread.sleep(3000); // a late duplicate would arrive by now
        List<StubProvider.Delivery> deliveries = provider.deliveries();
        Set<String> distinct = new HashSet<>();
        deliveries.forEach(d -> distinct.add(d.to()));
        long first = deliveries.stream().mapToLong(StubProvider.Delivery::arrivedNanos).min().orElse(0);
        long last = deliveries.stream().mapToLong(StubProvider.Delivery::arrivedNanos).max().orElse(0);
        CountingProxy.Tally sendTally = invokeProxies.get("send").tallies().get("invoke");
        JsonNode done = progress(api, apiKey, id);
        Usage usage = usage(done.path("sent").asLong());
        String failures = done.path("failed").path("total").asLong() == 0 ? "none" : done.path("failed").toString();
        int concurrency = numbers.get("send-concurrency");
        double seconds = (last - first) / 1e9;
        Bench.progress(String.format("  %,d provider requests to %,d addresses in %.1f s: %.1f sends/s; sent %,d, failed: %s", deliveries.size(),
                distinct.size(), seconds, (deliveries.size() - 1) / seconds, usage.sent(), failures));
        return new Throughput(sends, deliveries.size(), distinct.size(), usage.sent(), failures, seconds, concurrency, provider.latency().toMillis(),
                sendTally == null ? 0 : sendTally.requests(), sendTally == null ? Double.NaN : sendTally.nanos() / 1e6 / sendTally.requests(), usage);
    }

    private Campaign bigCampaign(LocalLambda api, String apiKey, Tick tick, MailDev mailDev, StubModel model, int sends, int recipients) throws Exception {
        http.ok("DELETE", mailDev.web(), "/api/email/all", null, null);
        JsonNode preview = http.postOk(api.url(), "/v1/segments/bench-b/preview", apiKey, Map.of());
        Bench.progress(String.format("campaigns B: preview of the event segment: %d of %d evaluated match, in %d ms",
                preview.path("count").asLong(), preview.path("evaluated").asLong(), preview.path("elapsedMs").asLong()));
        Bench.progress(String.format("campaigns B: %,d recipients, %d languages x 3 variants, SMTP into MailDev; ticks back to back until planned",
                recipients, LOCALES.size()));
        resetCounts();
        model.drain();
        long begin = System.nanoTime();
        String id = campaign(api, apiKey, "Spring harvest", "bench-b", "smtp", 3);
        double[] plan = planAll(api, apiKey, tick, id, recipients);
        long deadline = System.nanoTime() + Duration.ofMinutes(numbers.get("timeout-minutes")).toNanos();
        long sent = 0;
        long settled = 0;
        String failedB = "";
        long lastLog = 0;
        while (settled < recipients && System.nanoTime() < deadline) {
            JsonNode progress = progress(api, apiKey, id);
            sent = progress.path("sent").asLong();
            settled = settled(progress);
            failedB = progress.path("failed").toString();
            if (System.nanoTime() - lastLog > 10e9) {
                Bench.progress(String.format("  sent %,d of %,d", sent, recipients));
                lastLog = System.nanoTime();
            }
            Thread.sleep(500);
        }
        double toLast = (System.nanoTime() - begin) / 1e9;
        Usage usage = usage(sent);
        int modelCalls = model.drain().size();
        long inMailDev = -1;
        String note;
        try {
            inMailDev = http.ok("GET", mailDev.web(), "/api/email", null, null).size();
            note = "MailDev's /api/email listed " + inMailDev;
        } catch (RuntimeException | IOException e) {
            note = "MailDev could not list its mail: " + e.getMessage();
        }
        Bench.progress(String.format("  %,d sent in %.1f s; %s; %d model calls", sent, toLast, note, modelCalls));
        return new Campaign(recipients, sends + recipients, (int) plan[0], plan[2], (long) plan[1], preview.path("evaluated").asDouble(),
                preview.path("elapsedMs").asDouble(), preview.path("count").asLong(), modelCalls, LOCALES.size(), 3, toLast, sent, failedB, inMailDev, note, usage);
    }

    private void resetCounts() {
        dynamoDbProxies.values().forEach(CountingProxy::reset);
        sqsProxies.values().forEach(CountingProxy::reset);
        invokeProxies.values().forEach(CountingProxy::reset);
    }

    private Usage usage(long sent) {
        Map<String, Map<String, CountingProxy.Tally>> dynamoDb = new TreeMap<>();
        dynamoDbProxies.forEach((who, proxy) -> dynamoDb.put(who, proxy.tallies()));
        Map<String, Map<String, CountingProxy.Tally>> sqs = new TreeMap<>();
        sqsProxies.forEach((who, proxy) -> sqs.put(who, proxy.tallies()));
        Map<String, CountingProxy.Tally> invocations = new TreeMap<>();
        invokeProxies.forEach((who, proxy) -> {
            CountingProxy.Tally tally = proxy.tallies().get("invoke");
            if (tally != null) {
                invocations.put(who, tally);
            }
        });
        return new Usage(sent, dynamoDb, sqs, invocations);
    }

    static boolean isWrite(String operation) {
        return operation.startsWith("Put") || operation.startsWith("Update") || operation.startsWith("Delete") || operation.startsWith("BatchWrite");
    }

    private void print(PrintStream out, Throughput a, Campaign b, List<String> verdicts) {
        out.println();
        out.println("3. Campaigns on the local stack (dynalite, ElasticMQ, api and worker plan/generate/send as local Lambdas, infra/local's");
        out.println("   SQS pollers: batches of 10 for send, 1 for generate; the plan tick fired back to back), counting proxies in front of");
        out.println("   dynalite, ElasticMQ and each function's event server.");
        out.printf("   A: %,d recipients, 1 variant, SendGrid stub answering 202 after %d ms; planned and generated first, then one send instance.%n",
                a.recipients(), a.latencyMs());
        out.printf("   B: %,d recipients of %,d contacts (segment: consent, attribute and a product_viewed event within P30D), %d languages x %d%n",
                b.recipients(), b.contacts(), b.groups(), b.variants());
        out.printf("      variants, stub model (%d ms), SMTP into MailDev, the send poller running from the start.%n", numbers.get("model-delay-ms"));
        row(out, "", "target", "A: SendGrid stub", "B: MailDev");
        row(out, "provider requests / distinct recipients", "each once", a.requests() + " / " + a.distinct(), b.sent() + " sent / " + b.mailDevCount() + " in MailDev");
        row(out, "  sent (counter) / failed", "", a.sent() + " / " + a.failures(), b.sent() + " / " + (b.failures().isEmpty() ? "?" : b.failures()));
        row(out, "first to last provider request", "", String.format("%.1f s", a.seconds()), "");
        row(out, "sends per second, one send instance", "", String.format("%.1f", a.perSecond()), "");
        row(out, String.format("  bound: concurrency %d / %d ms", a.concurrency(), a.latencyMs()), "", String.format("%.0f /s", a.bound()), "");
        row(out, "  ratio to the bound", ">= 0.8", String.format("%.2f", a.perSecond() / a.bound()), "");
        row(out, "  send invocations, mean duration", "", String.format("%d, %.0f ms", a.sendInvocations(), a.medianBatchMs()), "");
        row(out, "model calls", "15", "", b.modelCalls() + " (" + b.groups() + " groups x " + b.variants() + ")");
        row(out, "segment preview: evaluated / s", "", "", String.format("%,.0f (%,.0f in %,.0f ms)", b.previewEvaluated() / (b.previewMs() / 1000.0),
                b.previewEvaluated(), b.previewMs()));
        row(out, "planner walk: contacts evaluated / s", "", "", String.format("%,.0f (%,d contacts, %d ticks, %.1f s)", b.contacts() / b.walkSeconds(),
                b.contacts(), b.ticks(), b.walkSeconds()));
        row(out, "start to last message sent", "", "", String.format("%.1f s", b.toLastSeconds()));
        out.println();
        out.println("   Per 1,000 sends (counted at the proxies from the campaign's creation to its last send; the api is left out):");
        perThousand(out, "DynamoDB writes (items)", a, b, Usage::allWrites);
        perThousand(out, "  send step: claim + record (MSG)", a, b, Usage::sendStepWrites);
        perThousand(out, "  the rest: planning, content, counters", a, b, u -> u.allWrites() - u.sendStepWrites());
        Set<String> writeOps = new java.util.TreeSet<>();
        Set<String> readOps = new java.util.TreeSet<>();
        for (Usage u : List.of(a.usage(), b.usage())) {
            for (String f : FUNCTIONS) {
                u.dynamoDb().getOrDefault(f, Map.of()).keySet().forEach(op -> (isWrite(op) ? writeOps : readOps).add(f + " " + op));
            }
        }
        writeOps.forEach(key -> perThousand(out, "    " + key, a, b, u -> opUnits(u, key)));
        perThousand(out, "DynamoDB reads (requests)", a, b, Usage::allReads);
        readOps.forEach(key -> perThousand(out, "    " + key, a, b, u -> opRequests(u, key)));
        perThousand(out, "DynamoDB write units (estimated from sizes)", a, b, u -> u.capacity(true));
        perThousand(out, "DynamoDB read units (estimated from sizes)", a, b, u -> u.capacity(false));
        perThousand(out, "SQS requests", a, b, Usage::allSqs);
        for (String who : List.of("plan", "generate", "send", "pollers")) {
            perThousand(out, "  by " + (who.equals("pollers") ? "the pollers: receive + delete per batch" : who), a, b, u -> u.sqsRequests(who));
        }
        Set<String> sqsOps = new java.util.TreeSet<>();
        for (Usage u : List.of(a.usage(), b.usage())) {
            u.sqs().forEach((who, ops) -> ops.keySet().forEach(op -> { if (!who.equals("api")) sqsOps.add(op); }));
        }
        sqsOps.forEach(op -> perThousand(out, "    " + op + " (functions)", a, b, u -> u.sqs().entrySet().stream().filter(e -> !e.getKey().equals("api"))
                .mapToLong(e -> e.getValue().getOrDefault(op, new CountingProxy.Tally(0, 0, 0, 0, 0)).requests()).sum()));
        perThousand(out, "Lambda invocations", a, b, Usage::allInvocations);
        FUNCTIONS.forEach(f -> perThousand(out, "  " + f, a, b, u -> u.invocations(f)));
        row(out, "Lambda billed GB-s (512 MB, JVM C1)", "", fmt3(a.usage().perThousand(Math.round(a.usage().gbSeconds() * 1000)) / 1000),
                fmt3(b.usage().perThousand(Math.round(b.usage().gbSeconds() * 1000)) / 1000));
        FUNCTIONS.forEach(f -> row(out, "  " + f + " billed seconds", "", fmt3(a.usage().perThousand(a.usage().billedMillis(f)) / 1000),
                fmt3(b.usage().perThousand(b.usage().billedMillis(f)) / 1000)));
        row(out, "AWS cost per 1,000 sends (USD)", "", String.format("$%.5f", cost(a.usage())), String.format("$%.5f", cost(b.usage())));
        out.printf("   Prices: us-east-1 list, DynamoDB on-demand $%.3f per million write and $%.3f per million read request units (units as%n"
                        + "   estimated above: reads as strongly consistent, UpdateItem as 1 unit per item), SQS standard $%.2f per million%n"
                        + "   requests, Lambda x86 $%.10f per GB-s and $%.2f per million requests; free tiers and provider fees left out.%n",
                DYNAMODB_PER_MILLION_WRITES, DYNAMODB_PER_MILLION_READS, SQS_PER_MILLION, LAMBDA_PER_GB_SECOND, LAMBDA_PER_MILLION_REQUESTS);
        out.println("   Lambda durations are the JVM functions' here (C1 only, a loaded machine), timed at the event server; production runs");
        out.println("   native executables. Empty receives are left out: they depend on the pollers' wait, not on the campaign.");

        double ratio = a.perSecond() / a.bound();
        verdicts.add(String.format("send throughput %.1f/s = %.2f of concurrency/latency %.0f/s (target >= 0.8): %s%s", a.perSecond(), ratio, a.bound(),
                ratio >= 0.8 ? "met" : "NOT met", a.requests() == a.sent() && a.distinct() == a.requests() ? "" : " (INVALID: a recipient got more than one request)"));
        double writesA = a.usage().allWrites() / (double) Math.max(1, a.usage().sent());
        double writesB = b.usage().allWrites() / (double) Math.max(1, b.usage().sent());
        double sendStep = b.usage().sendStepWrites() / (double) Math.max(1, b.usage().sent());
        verdicts.add(String.format("DynamoDB writes per sent message %.3f (A) / %.3f (B), of which the send step's claim and record %.3f (B;"
                        + " failed messages' claims included) (target <= 2): %s", writesA, writesB, sendStep,
                Math.max(writesA, writesB) <= 2 ? "met" : "NOT met: planning, content and counters add the rest"));
        verdicts.add(String.format("model calls for %,d recipients in %d groups x %d variants: %d (target 15, per-recipient generation: %,d): %s",
                b.recipients(), b.groups(), b.variants(), b.modelCalls(), b.recipients(), b.modelCalls() == b.groups() * b.variants() ? "met" : "NOT met"));
        verdicts.add(String.format("campaign of %,d recipients: start to last message %.1f s; %s%s", b.recipients(), b.toLastSeconds(), b.mailDevNote(),
                b.mailDevCount() == b.sent() ? "" : " (MailDev holds a different number than were sent)"));
    }

    private static long opUnits(Usage usage, String functionAndOp) {
        String[] parts = functionAndOp.split(" ", 2);
        CountingProxy.Tally tally = usage.dynamoDb().getOrDefault(parts[0], Map.of()).get(parts[1]);
        return tally == null ? 0 : tally.units();
    }

    private static long opRequests(Usage usage, String functionAndOp) {
        String[] parts = functionAndOp.split(" ", 2);
        CountingProxy.Tally tally = usage.dynamoDb().getOrDefault(parts[0], Map.of()).get(parts[1]);
        return tally == null ? 0 : tally.requests();
    }

    private static double cost(Usage usage) {
        return usage.sent() == 0 ? Double.NaN : usage.costUsd() * 1000.0 / usage.sent();
    }

    private static void perThousand(PrintStream out, String label, Throughput a, Campaign b, ToLongFunction<Usage> value) {
        row(out, label, "", String.format("%,.1f", a.usage().perThousand(value.applyAsLong(a.usage()))),
                String.format("%,.1f", b.usage().perThousand(value.applyAsLong(b.usage()))));
    }

    private static String fmt3(double value) {
        return String.format("%.3f", value);
    }

    private static void row(PrintStream out, String label, String target, String a, String b) {
        out.printf("  %-46s %10s %22s %34s%n", label, target, a, b);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A condition the benchmark waits for. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
