package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.store.Keys;
import io.herald.core.store.TableDefinition;
import io.herald.local.Dynalite;
import io.herald.local.LocalLambda;
import io.herald.local.LocalPaths;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Herald's benchmark, printed as one table: (1) the time Herald adds to a generation request on top of a
 * stub model that answers after a fixed delay, and (2) the api's start-up time and resident memory against
 * a minimal Quarkus Lambda built and started the same way, (3) campaigns on the local stack ({@link CampaignBench}), and
 * (4) tracking: webhook ingest, the track function's writes per event, click redirects ({@link TrackingBench}).
 * The functions run as local Lambdas: their
 * packaged JVM jars under AWS's runtime interface client, behind Quarkus' mock HTTP event server.
 */
public final class Bench {

    private static final String TABLE = "herald-bench";
    private static final String TENANT = "bench";
    private static final String CONTACT = "bench-contact-1";
    private static final String CTA_URL = "https://shop.example.com/spring-harvest";
    private static final Duration FIRST_RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final double MIB = 1024.0 * 1024.0;
    private static final long STARTED = System.nanoTime();

    /** The run's size; each number can be set as {@code --name=N}, and {@code --only=generation|startup|campaign} runs one part. */
    record Settings(Map<String, Integer> numbers, boolean generation, boolean startup, boolean campaign, boolean tracking) {

        private static final Map<String, Integer> DEFAULTS = defaults();
        private static final List<String> PARTS = List.of("generation", "startup", "campaign", "tracking");

        private static Map<String, Integer> defaults() {
            Map<String, Integer> defaults = new LinkedHashMap<>();
            defaults.put("delay-ms", 200);
            defaults.put("warmup", 40);
            defaults.put("requests", 50);
            defaults.put("requests3", 20);
            defaults.put("slow-delay-ms", 2000);
            defaults.put("slow-requests", 5);
            defaults.put("startups", 5);
            defaults.put("warm-requests", 100);
            // campaigns: A's recipients through the SendGrid stub, B's recipients into MailDev
            defaults.put("sends", 1000);
            defaults.put("provider-latency-ms", 100);
            defaults.put("send-concurrency", 16);
            defaults.put("recipients", 10_000);
            defaults.put("model-delay-ms", 200);
            defaults.put("timeout-minutes", 8);
            defaults.put("seed-batch", 100);
            // tracking: a campaign for real message ids, then (a) webhook ingest, (b) track's writes, (c) click redirects
            defaults.put("track-recipients", 200);
            defaults.put("hook-events", 50);
            defaults.put("hook-concurrency", 8);
            defaults.put("hook-requests", 200);
            defaults.put("hook-warmup", 40);
            defaults.put("track-events", 1000);
            defaults.put("track-duplicates", 100);
            defaults.put("clicks", 500);
            defaults.put("click-warmup", 50);
            return defaults;
        }

        static Settings from(String[] args) {
            Map<String, Integer> numbers = new LinkedHashMap<>(DEFAULTS);
            String only = "all";
            for (String arg : args) {
                String[] pair = arg.replaceFirst("^--", "").split("=", 2);
                if (pair.length == 2 && pair[0].equals("only") && PARTS.contains(pair[1])) {
                    only = pair[1];
                    continue;
                }
                if (pair.length != 2 || !numbers.containsKey(pair[0]) || !pair[1].matches("\\d{1,6}")) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; known: --" + String.join("=N --", numbers.keySet())
                            + "=N (requests3 and slow-requests may be 0 to skip), --only=" + String.join("|", PARTS));
                }
                numbers.put(pair[0], Integer.parseInt(pair[1]));
            }
            for (String positive : List.of("delay-ms", "warmup", "requests", "startups", "warm-requests", "sends", "provider-latency-ms",
                    "send-concurrency", "recipients", "timeout-minutes", "seed-batch", "track-recipients", "hook-events", "hook-concurrency",
                    "track-events", "clicks")) {
                if (numbers.get(positive) == 0) {
                    throw new IllegalArgumentException(positive + " must be at least 1");
                }
            }
            String part = only;
            if (numbers.get("hook-requests") < 4 || numbers.get("hook-events") > 100) {
                throw new IllegalArgumentException("hook-requests must be at least 4 (4 rounds) and hook-events at most 100 (one track job)");
            }
            return new Settings(Map.copyOf(numbers), part.equals("all") || part.equals("generation"), part.equals("all") || part.equals("startup"),
                    part.equals("all") || part.equals("campaign"), part.equals("all") || part.equals("tracking"));
        }

        int get(String name) {
            return numbers.get(name);
        }
    }

    /** One series of generation requests: per request, the latency and the model's time as the stub saw it. */
    record Series(int variants, long delayMs, List<Double> latencyMs, List<Double> modelMs, List<Double> serverMs,
                  List<Integer> modelCalls, int fromModel, int fromTemplate, String fallbackReason) {

        List<Double> overheadMs() {
            return difference(latencyMs, modelMs);
        }

        /** The part of the overhead inside ContentService.generate (reads, prompt, checks), by its own latencyMs. */
        List<Double> insideMs() {
            return difference(serverMs, modelMs);
        }

        /** The rest: authentication, the content writes, JSON, the Lambda hop. */
        List<Double> outsideMs() {
            return difference(latencyMs, serverMs);
        }

        private static List<Double> difference(List<Double> a, List<Double> b) {
            List<Double> difference = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                difference.add(a.get(i) - b.get(i));
            }
            return difference;
        }

        /** Only answers the model wrote measure Herald around a model call. */
        boolean valid() {
            return fromTemplate == 0;
        }

        double share() {
            return Stats.of(overheadMs()).median() / Stats.of(modelMs()).median();
        }

        String label() {
            return variants + (variants == 1 ? " variant, " : " variants, ") + delayMs + " ms";
        }
    }

    /** One fresh start of a function. */
    record Startup(double firstResponseMs, double quarkusBootMs, double rssFirstMib, double rssWarmMib, double warmLatencyMs) {
    }

    /** Quarkus' own start-up line: "... started in 1.234s." */
    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Http http = new Http();
    private final Settings settings;
    private final Path logs;
    private final String adminKey = "bench-admin-" + UUID.randomUUID();

    private Bench(Settings settings, Path logs) {
        this.settings = settings;
        this.logs = logs;
    }

    public static void main(String[] args) throws Exception {
        // Read once, when HttpURLConnection is first used: the counting proxies keep this many connections per server.
        System.setProperty("http.maxConnections", "64");
        Settings settings;
        try {
            settings = Settings.from(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path logs = LocalPaths.projectRoot().resolve("bench/harness/target/logs");
        Files.createDirectories(logs);
        Bench bench = new Bench(settings, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "bench-shutdown"));
        int status = 0;
        try {
            bench.run(System.out);
        } catch (Exception e) {
            System.err.println("bench: failed: " + e.getMessage());
            System.err.println("bench: the functions' output is in " + LocalPaths.projectRoot().relativize(logs));
            status = 1;
        } finally {
            bench.stopAll();
            long left = leftoverChildren();
            System.out.println("Child processes still running after the run: " + left);
            if (left > 0) {
                status = 1;
            }
        }
        System.exit(status);
    }

    private void run(PrintStream out) throws Exception {
        Instant began = Instant.now();
        String loadBefore = loadAverage();
        Path apiJar = LocalPaths.runnerJar("functions/api");
        List<Series> series = new ArrayList<>();
        double coldMs = 0;
        double apiRssAfterGeneration = 0;
        double storeReadMs = 0;
        List<Startup> apiStarts = new ArrayList<>();
        List<Startup> minimalStarts = new ArrayList<>();
        if (settings.generation() || settings.startup()) {
            double[] measured = new double[3];
            measureFunctions(series, apiStarts, minimalStarts, apiJar, LocalPaths.runnerJar("bench/minimal"), measured);
            coldMs = measured[0];
            apiRssAfterGeneration = measured[1];
            storeReadMs = measured[2];
            stopAll();
        }
        java.io.ByteArrayOutputStream campaignTable = new java.io.ByteArrayOutputStream();
        List<String> verdicts = new ArrayList<>();
        if (settings.campaign()) {
            new CampaignBench(settings.numbers(), logs, this::keep).run(new PrintStream(campaignTable, true), verdicts);
            stopAll();
        }
        if (settings.tracking()) {
            new TrackingBench(settings.numbers(), logs, this::keep).run(new PrintStream(campaignTable, true), verdicts);
        }

        stopAll();

        printHeader(out, began, loadBefore);
        Double roundTripMs = minimalStarts.isEmpty() ? null : Stats.of(minimalStarts.stream().map(Startup::warmLatencyMs).toList()).median();
        if (!series.isEmpty()) {
            printGeneration(out, series, coldMs, apiRssAfterGeneration, storeReadMs, roundTripMs, verdicts);
        }
        if (!apiStarts.isEmpty()) {
            printStartup(out, apiStarts, minimalStarts, verdicts);
        }
        out.print(campaignTable);
        out.println();
        verdicts.forEach(verdict -> out.println("Verdict: " + verdict));
        out.printf("Run took %d s (after the build); the functions' output: %s%n",
                Duration.between(began, Instant.now()).toSeconds(), LocalPaths.projectRoot().relativize(logs));
        if (verdicts.stream().anyMatch(verdict -> verdict.contains("NOT MEASURED"))) {
            throw new IllegalStateException("some figures were not measured: the build lacks what they need (see the verdicts)");
        }
    }

    /** Sections 1 and 2: generations through the api, then start-ups of the api and the minimal app (measured[]: cold ms, RSS MiB, read ms). */
    private void measureFunctions(List<Series> series, List<Startup> apiStarts, List<Startup> minimalStarts, Path apiJar, Path minimalJar,
                                  double[] measured) throws Exception {
        progress("dynalite, table, stub model");
        Dynalite dynalite = keep(Dynalite.start());
        try (DynamoDbClient dynamoDb = dynamoDb(dynalite)) {
            TableDefinition.ensureTable(dynamoDb, TABLE);
        }
        StubModel stub = keep(StubModel.start(Duration.ofMillis(settings.get("delay-ms")), CTA_URL));
        // Both functions get the same environment, so that neither starts with less configuration to read.
        Map<String, String> env = Map.of(
                "HERALD_STORE_TABLE", TABLE,
                "HERALD_ADMIN_KEY", adminKey,
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString(),
                "QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", stub.baseUrl().toString(),
                "QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", "sk-bench-not-a-real-key");

        progress("api function, tenant, contact");
        LocalLambda api = keep(LocalLambda.start(options("herald-api", apiJar, env, "api-generation")));
        firstSuccess(api, "/q/openapi", null, System.nanoTime());
        String apiKey = http.postOk(api.url(), "/v1/admin/tenants", adminKey, Map.of(
                "id", TENANT, "name", "Bench Tea Shop",
                "settings", Map.of("modelFields", List.of("locale", "timezone", "attributes.firstName"),
                        "linkDomains", List.of(), "bannedPhrases", List.of(), "brandName", "Bench Tea Shop")))
                .path("apiKey").asText();
        http.postOk(api.url(), "/v1/contacts", apiKey, Map.of(
                "id", CONTACT, "email", "li.wei@example.com", "timezone", "Asia/Shanghai", "locale", "en",
                "attributes", Map.of("firstName", "Wei", "favouriteTea", "green")));

        if (settings.generation()) {
            progress(settings.get("warmup") + " warm-up generations");
            measured[0] = generate(api, apiKey, 1).millis();
            for (int i = 1; i < settings.get("warmup"); i++) {
                generate(api, apiKey, i % 4 == 0 ? 3 : 1);
            }
            progress(settings.get("requests") + " generations, 1 variant");
            series.add(measure(api, apiKey, 1, settings.get("requests"), stub));
            if (settings.get("requests3") > 0) {
                progress(settings.get("requests3") + " generations, 3 variants");
                series.add(measure(api, apiKey, 3, settings.get("requests3"), stub));
            }
            if (settings.get("slow-requests") > 0) {
                progress(settings.get("slow-requests") + " generations, 1 variant, model answering after " + settings.get("slow-delay-ms") + " ms");
                stub.delay(Duration.ofMillis(settings.get("slow-delay-ms")));
                series.add(measure(api, apiKey, 1, settings.get("slow-requests"), stub));
            }
            measured[1] = api.residentBytes().orElse(0) / MIB;
            measured[2] = storeRead(dynalite);
            if (!stub.unexpected().isEmpty()) {
                throw new IllegalStateException("the stub model got requests it could not answer: " + stub.unexpected());
            }
        }
        stop(api);

        for (int rep = 1; settings.startup() && rep <= settings.get("startups"); rep++) {
            progress("start-up " + rep + "/" + settings.get("startups"));
            // Alternating the order keeps a slow first or second slot from favouring one side.
            for (boolean isApi : rep % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                if (isApi) {
                    apiStarts.add(startup("herald-api", apiJar, env, "/v1/settings", apiKey, "api-start-" + rep));
                } else {
                    minimalStarts.add(startup("herald-bench-minimal", minimalJar, env, "/hello", null, "minimal-start-" + rep));
                }
            }
        }
    }

    private static DynamoDbClient dynamoDb(Dynalite dynalite) {
        return DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The median time of one DynamoDB read from here: the unit that the api's store calls are made of. */
    private static double storeRead(Dynalite dynalite) {
        Map<String, AttributeValue> key = Map.of(
                Keys.PK, AttributeValue.fromS("bench#probe"), Keys.SK, AttributeValue.fromS("probe"));
        List<Double> reads = new ArrayList<>();
        try (DynamoDbClient dynamoDb = dynamoDb(dynalite)) {
            for (int i = 0; i < 80; i++) {
                long begin = System.nanoTime();
                dynamoDb.getItem(get -> get.tableName(TABLE).key(key));
                reads.add((System.nanoTime() - begin) / 1e6);
            }
        }
        return Stats.of(reads.subList(30, reads.size())).median();
    }

    private Http.Answer generate(LocalLambda api, String apiKey, int variants) throws IOException {
        Map<String, Object> request = Map.of(
                "contactId", CONTACT,
                "channel", "email",
                "variants", variants,
                "brief", Map.of(
                        "goal", "bring back customers who have not ordered this spring",
                        "product", "the spring harvest of green tea",
                        "ctaUrl", CTA_URL,
                        "tone", "warm",
                        "language", "en"));
        Http.Answer answer = http.post(api.url(), "/v1/content/generate", apiKey, request, REQUEST_TIMEOUT);
        if (answer.status() != 201) {
            throw new IllegalStateException("POST /v1/content/generate answered " + answer.status() + ": " + answer.body());
        }
        int got = answer.json().path("variants").size();
        if (got != variants) {
            throw new IllegalStateException("asked for " + variants + " variants, got " + got + ": " + answer.body());
        }
        return answer;
    }

    private Series measure(LocalLambda api, String apiKey, int variants, int count, StubModel stub) throws IOException {
        List<Double> latency = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        List<Integer> calls = new ArrayList<>();
        int fromModel = 0;
        int fromTemplate = 0;
        String fallbackReason = null;
        stub.drain();
        for (int i = 0; i < count; i++) {
            Http.Answer answer = generate(api, apiKey, variants);
            // Requests are sequential, so every call the stub answered since the last drain belongs to this one.
            List<Long> modelCalls = stub.drain();
            latency.add(answer.millis());
            model.add(modelCalls.stream().mapToLong(Long::longValue).sum() / 1e6);
            calls.add(modelCalls.size());
            JsonNode content = answer.json();
            server.add(content.path("latencyMs").asDouble());
            if ("llm".equals(content.path("source").asText())) {
                fromModel++;
            } else {
                fromTemplate++;
                fallbackReason = content.path("fallbackReason").asText("(none given)");
            }
        }
        return new Series(variants, stub.delay().toMillis(), latency, model, server, calls, fromModel, fromTemplate, fallbackReason);
    }

    private Startup startup(String name, Path jar, Map<String, String> env, String path, String bearer, String log) throws IOException {
        long launched = System.nanoTime();
        LocalLambda function = keep(LocalLambda.start(options(name, jar, env, log)));
        try {
            double firstMs = firstSuccess(function, path, bearer, launched);
            double bootMs = quarkusBoot(logs.resolve(log + ".log"));
            double rssFirst = function.residentBytes().orElse(0) / MIB;
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < settings.get("warm-requests"); i++) {
                Http.Answer answer = http.get(function.url(), path, bearer, REQUEST_TIMEOUT);
                if (!answer.ok()) {
                    throw new IllegalStateException(name + ": GET " + path + " answered " + answer.status() + ": " + answer.body());
                }
                warm.add(answer.millis());
            }
            double rssWarm = function.residentBytes().orElse(0) / MIB;
            // The second half only: by then both JVMs have compiled the request path.
            double warmLatency = Stats.of(warm.subList(warm.size() / 2, warm.size())).median();
            progress(String.format("  %-22s first response %6.0f ms (Quarkus boot %4.0f ms), RSS %3.0f MiB, after the warm-up %3.0f MiB,"
                    + " warm request %.1f ms", name, firstMs, bootMs, rssFirst, rssWarm, warmLatency));
            return new Startup(firstMs, bootMs, rssFirst, rssWarm, warmLatency);
        } finally {
            stop(function);
        }
    }

    /**
     * Time from {@code launchedNanos} to the first 2xx answer to {@code GET path}. The event server holds a
     * request until the function's runtime client polls for it, so one request sent at once is answered
     * as soon as the function can: no polling interval blurs the figure.
     */
    private double firstSuccess(LocalLambda function, String path, String bearer, long launchedNanos) throws IOException {
        long deadline = launchedNanos + FIRST_RESPONSE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!function.isAlive()) {
                throw new IllegalStateException(function.jar().getFileName() + " exited before answering");
            }
            Http.Answer answer;
            try {
                answer = http.get(function.url(), path, bearer, FIRST_RESPONSE_TIMEOUT);
            } catch (IOException notListening) {
                sleep(10);
                continue;
            }
            if (!answer.ok()) {
                throw new IllegalStateException(function.jar().getFileName() + ": GET " + path + " answered " + answer.status() + ": " + answer.body());
            }
            return (System.nanoTime() - launchedNanos) / 1e6;
        }
        throw new IllegalStateException(function.jar().getFileName() + " did not answer GET " + path + " within " + FIRST_RESPONSE_TIMEOUT);
    }

    private static double quarkusBoot(Path log) throws IOException {
        Matcher started = STARTED_IN.matcher(Files.readString(log));
        return started.find() ? Double.parseDouble(started.group(1)) * 1000 : Double.NaN;
    }

    private LocalLambda.Options options(String name, Path jar, Map<String, String> env, String log) {
        return LocalLambda.Options.http(name, jar)
                .withEnv(env)
                .withOutput(ProcessBuilder.Redirect.to(logs.resolve(log + ".log").toFile()));
    }

    private void printHeader(PrintStream out, Instant began, String loadBefore) {
        out.println();
        out.printf("Herald benchmark, %s, %d cores, Java %s, %s %s%n",
                began.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
        out.printf("Load average (1 min): %s before the run, %s after; anything else running shares these cores.%n", loadBefore, loadAverage());
        out.printf("Functions run as local Lambdas: runner jar + AWS Lambda runtime interface client + Quarkus mock event server,%n"
                + "JVM options %s; DynamoDB is dynalite.%n", String.join(" ", LocalLambda.Options.LAMBDA_JVM_OPTIONS));
    }

    private void printGeneration(PrintStream out, List<Series> series, double coldMs, double rssMib, double storeReadMs,
                                 Double roundTripMs, List<String> verdicts) {
        out.println();
        out.printf("1. Generation overhead: sequential POST /v1/content/generate (email, stored contact, %d warm-up requests first),%n",
                settings.get("warmup"));
        out.println("   stub model in the benchmark's JVM answering after a fixed delay; overhead = latency - model time seen by the stub;");
        out.println("   the two rows under it split the overhead by the latencyMs that generate() itself reports (whole milliseconds)");
        genRow(out, "", series, Series::label, "target");
        genRow(out, "requests measured", series, s -> Integer.toString(s.latencyMs().size()), "");
        genRow(out, "answers from the model / template", series, s -> s.fromModel() + " / " + s.fromTemplate(), "all model");
        genRow(out, "model calls per request, median", series, s -> fmt(Stats.of(s.modelCalls()).median()), "1");
        genRow(out, "end-to-end latency, median", series, s -> ms(Stats.of(s.latencyMs()).median()), "");
        genRow(out, "end-to-end latency, p95", series, s -> ms(Stats.of(s.latencyMs()).percentile(95)), "");
        genRow(out, "model time seen by the stub, median", series, s -> ms(Stats.of(s.modelMs()).median()), "");
        genRow(out, "Herald overhead, median", series, s -> ms(Stats.of(s.overheadMs()).median()), "");
        genRow(out, "Herald overhead, p95", series, s -> ms(Stats.of(s.overheadMs()).percentile(95)), "");
        genRow(out, "  in generate(): reads, prompt, checks", series, s -> ms(Stats.of(s.insideMs()).median()), "");
        genRow(out, "  around it: auth, writes, JSON, hop", series, s -> ms(Stats.of(s.outsideMs()).median()), "");
        genRow(out, "overhead / model time, median", series, Bench::pct, "< 5 %");
        out.printf("  %-40s %s%n", "cold first generation, model included", ms(coldMs));
        out.printf("  %-40s %s%n", "api RSS after these generations", mib(rssMib));
        if (roundTripMs != null) {
            out.printf("  %-40s %s (the minimal app's warm GET /hello: client, event server, runtime API, function, back)%n",
                    "local Lambda round trip (in overhead)", ms(roundTripMs));
        }
        out.printf("  %-40s %s (a GetItem to dynalite from the benchmark's JVM; a generation makes 6 in a row)%n",
                "one DynamoDB read (in overhead)", ms(storeReadMs));
        for (Series s : series) {
            if (!s.valid()) {
                out.printf("  WARNING: %d of %d answers in '%s' came from the template composer (%s): that column measures no model call.%n",
                        s.fromTemplate(), s.latencyMs().size(), s.label(), s.fallbackReason());
            }
        }
        for (Series s : series) {
            if (s.variants() == 1) {
                verdicts.add(!s.valid() ? "overhead at " + s.delayMs() + " ms: INVALID, the model was not called (see the warning)"
                        : String.format("overhead %s = %s of a %d ms model call (target < 5 %%): %s",
                        ms(Stats.of(s.overheadMs()).median()), pct(s), s.delayMs(), s.share() < 0.05 ? "met" : "NOT met"));
            }
        }
    }

    private static void printStartup(PrintStream out, List<Startup> apiStarts, List<Startup> minimalStarts, List<String> verdicts) {
        Stats apiFirst = Stats.of(apiStarts.stream().map(Startup::firstResponseMs).toList());
        Stats minFirst = Stats.of(minimalStarts.stream().map(Startup::firstResponseMs).toList());
        Stats apiRss1 = Stats.of(apiStarts.stream().map(Startup::rssFirstMib).toList());
        Stats minRss1 = Stats.of(minimalStarts.stream().map(Startup::rssFirstMib).toList());
        Stats apiRss2 = Stats.of(apiStarts.stream().map(Startup::rssWarmMib).toList());
        Stats minRss2 = Stats.of(minimalStarts.stream().map(Startup::rssWarmMib).toList());
        Stats apiWarm = Stats.of(apiStarts.stream().map(Startup::warmLatencyMs).toList());
        Stats minWarm = Stats.of(minimalStarts.stream().map(Startup::warmLatencyMs).toList());
        out.println();
        out.printf("2. Start-up and memory: a fresh JVM per start, %d starts each, alternating; medians. First response = from launching%n", apiStarts.size());
        out.println("   the event server and the JVM to the first 2xx answer to a real request: api GET /v1/settings with a tenant's key");
        out.println("   (key check and settings read in DynamoDB), minimal GET /hello. RSS = VmRSS of the function's JVM (/proc).");
        startRow(out, "", "api", "minimal", "api/minimal", "target");
        startRow(out, "time to first response", ms(apiFirst.median()), ms(minFirst.median()), ratio(apiFirst, minFirst), "<= 1.3x");
        startRow(out, "  fastest .. slowest start", range(apiFirst), range(minFirst), "", "");
        Stats apiBoot = Stats.of(apiStarts.stream().map(Startup::quarkusBootMs).toList());
        Stats minBoot = Stats.of(minimalStarts.stream().map(Startup::quarkusBootMs).toList());
        startRow(out, "  of it Quarkus boot ('started in')", ms(apiBoot.median()), ms(minBoot.median()), ratio(apiBoot, minBoot), "");
        startRow(out, "RSS after the first response", mib(apiRss1.median()), mib(minRss1.median()), ratio(apiRss1, minRss1), "<= 1.3x");
        startRow(out, "RSS after the warm-up requests", mib(apiRss2.median()), mib(minRss2.median()), ratio(apiRss2, minRss2), "<= 1.3x");
        startRow(out, "warm request latency, median", ms(apiWarm.median()), ms(minWarm.median()), ratio(apiWarm, minWarm), "");
        double startRatio = apiFirst.median() / minFirst.median();
        double memoryRatio = Math.max(apiRss1.median() / minRss1.median(), apiRss2.median() / minRss2.median());
        verdicts.add(String.format("start-up %.3fx of the minimal app (target <= 1.3x): %s", startRatio, startRatio <= 1.3 ? "met" : "NOT met"));
        verdicts.add(String.format("memory up to %.3fx of the minimal app (target <= 1.3x): %s", memoryRatio, memoryRatio <= 1.3 ? "met" : "NOT met"));
    }

    private static void genRow(PrintStream out, String label, List<Series> series, Function<Series, String> cell, String target) {
        StringBuilder row = new StringBuilder(String.format("  %-40s", label));
        series.forEach(s -> row.append(String.format(" %20s", cell.apply(s))));
        out.println(row.append("   ").append(target));
    }

    private static void startRow(PrintStream out, String label, String api, String minimal, String ratio, String target) {
        out.printf("  %-40s %16s %16s %12s   %s%n", label, api, minimal, ratio, target);
    }

    private static String pct(Series s) {
        return Stats.of(s.modelMs()).median() > 0 ? String.format("%.1f %%", 100 * s.share()) : "n/a";
    }

    private static String ms(double value) {
        return String.format("%.1f ms", value);
    }

    private static String mib(double value) {
        return String.format("%.0f MiB", value);
    }

    private static String ratio(Stats a, Stats b) {
        return String.format("%.2fx", a.median() / b.median());
    }

    private static String range(Stats s) {
        return String.format("%.0f..%.0f ms", s.min(), s.max());
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    static void progress(String step) {
        System.out.printf("bench: %5.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, step);
        System.out.flush();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException notLinux) {
            return "?";
        }
    }

    <T extends AutoCloseable> T keep(T resource) {
        synchronized (running) {
            running.push(resource);
        }
        return resource;
    }

    private void stop(AutoCloseable resource) {
        synchronized (running) {
            running.remove(resource);
        }
        closeQuietly(resource);
    }

    /** Stops everything still running, newest first: functions before the servers they call. */
    private void stopAll() {
        synchronized (running) {
            while (!running.isEmpty()) {
                closeQuietly(running.pop());
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("bench: while stopping " + resource + ": " + e);
        }
    }

    /** Children of this JVM still alive after everything was stopped; any found are killed, and the run fails. */
    private static long leftoverChildren() {
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        for (ProcessHandle child : alive) {
            System.err.println("bench: still running: pid " + child.pid() + " " + child.info().command().orElse("?") + "; killing it");
            child.destroyForcibly();
        }
        return alive.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
