package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP proxy in this process in front of one server (dynalite, ElasticMQ, a local Lambda's event server):
 * it forwards every request unchanged and tallies it under a key the classifier picks from the request (the AWS
 * operation, say), with the time the server took to answer. What the benchmark counts is what crossed the wire.
 */
final class CountingProxy implements AutoCloseable {

    /** A request as the classifier sees it. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /**
     * What one key saw: requests, the units they carry (items of a batch, else 1), the server's time, that time in
     * whole milliseconds rounded up per request (as Lambda bills), and DynamoDB capacity units estimated from sizes:
     * a read 1 unit per 4 KB of answer, a PutItem 1 unit per KB of item, any other write 1 unit per item.
     */
    record Tally(long requests, long units, long nanos, long billedMillis, long capacity) {
    }

    /** A classification: the key and how many units (items) the request carries. */
    record Key(String name, long units) {
    }

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

    private final URI target;
    private final Function<Request, Key> classifier;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, LongAdder[]> tallies = new ConcurrentHashMap<>();

    private CountingProxy(URI target, Function<Request, Key> classifier, HttpServer server, ExecutorService executor) {
        this.target = target;
        this.classifier = classifier;
        this.server = server;
        this.executor = executor;
    }

    static CountingProxy start(URI target, Function<Request, Key> classifier) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "counting-proxy");
                thread.setDaemon(true);
                return thread;
            });
            CountingProxy proxy = new CountingProxy(target, classifier, server, executor);
            server.createContext("/", proxy::handle);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a proxy for " + target, e);
        }
    }

    /** This proxy's address, to configure a client with instead of the server's. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The same path on this proxy, for a URL of the proxied server. */
    URI rebase(URI onTarget) {
        return endpoint().resolve(onTarget.getRawPath() + (onTarget.getRawQuery() == null ? "" : "?" + onTarget.getRawQuery()));
    }

    /** The AWS operation: X-Amz-Target's (JSON protocol: DynamoDB, SQS) or the query protocol's Action; DynamoDB batches count their items. */
    static Key awsOperation(Request request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            String operation = target.substring(target.indexOf('.') + 1);
            return new Key(operation, batchItems(operation, request.body()));
        }
        Matcher action = ACTION.matcher(new String(request.body(), StandardCharsets.UTF_8));
        if (action.find()) {
            return new Key(action.group(1), 1);
        }
        String query = request.path();
        Matcher inQuery = ACTION.matcher(query.contains("?") ? query.substring(query.indexOf('?') + 1) : "");
        return new Key(inQuery.find() ? inQuery.group(1) : request.method() + " (no operation)", 1);
    }

    /** The AWS operation and, for DynamoDB, the kind of item: the sort key's prefix (MSG, PROGRESS, PLAN, ...). */
    static Key dynamoDbItem(Request request) {
        Key operation = awsOperation(request);
        try {
            JsonNode body = Http.JSON.readTree(request.body());
            JsonNode sk = body.path("Key").path("sk").path("S");
            if (sk.isMissingNode()) {
                sk = body.path("Item").path("sk").path("S");
            }
            String prefix = sk.isTextual() ? " " + sk.asText().split("#", 2)[0] : "";
            if (prefix.isEmpty() && body.has("IndexName")) {
                prefix = " " + body.path("IndexName").asText();
            }
            return new Key(operation.name() + prefix, operation.units());
        } catch (IOException notJson) {
            return operation;
        }
    }

    private static long capacity(Key key, int requestBytes, int answerBytes) {
        String operation = key.name();
        if (operation.startsWith("PutItem")) {
            return Math.max(1, (requestBytes + 1023) / 1024);
        }
        if (operation.startsWith("Update") || operation.startsWith("Delete") || operation.startsWith("BatchWrite")) {
            return key.units();
        }
        return Math.max(key.units(), (answerBytes + 4095) / 4096);
    }

    private static long batchItems(String operation, byte[] body) {
        if (!operation.equals("BatchWriteItem") && !operation.equals("BatchGetItem")) {
            return 1;
        }
        try {
            long items = 0;
            for (JsonNode table : Http.JSON.readTree(body).path("RequestItems")) {
                items += table.isArray() ? table.size() : table.path("Keys").size();
            }
            return Math.max(items, 1);
        } catch (IOException notJson) {
            return 1;
        }
    }

    /** Counts so far, by key, sorted. */
    Map<String, Tally> tallies() {
        Map<String, Tally> copy = new TreeMap<>();
        tallies.forEach((key, t) -> copy.put(key, new Tally(t[0].sum(), t[1].sum(), t[2].sum(), t[3].sum(), t[4].sum())));
        return copy;
    }

    void reset() {
        tallies.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Key key = classifier.apply(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            long begin = System.nanoTime();
            Forwarded response;
            try {
                response = forward(exchange, path, body);
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            long nanos = System.nanoTime() - begin;
            LongAdder[] tally = tallies.computeIfAbsent(key.name(), k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
            tally[0].increment();
            tally[1].add(key.units());
            tally[2].add(nanos);
            // Lambda bills each invocation by the millisecond, rounded up.
            tally[3].add((nanos + 999_999) / 1_000_000);
            tally[4].add(capacity(key, body.length, response.body().length));
            response.headers().forEach((name, values) -> {
                if (name != null && !HOP_HEADERS.contains(name.toLowerCase())) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    /** One forwarded answer. */
    private record Forwarded(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * Forwards with HttpURLConnection, the client the functions' AWS SDK uses against these servers (the JDK's
     * java.net.http client stalled on some of ElasticMQ's answers here).
     */
    private Forwarded forward(HttpExchange exchange, String path, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.resolve(path).toURL().openConnection();
        connection.setRequestMethod(exchange.getRequestMethod());
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(120_000);
        connection.setUseCaches(false);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> connection.addRequestProperty(name, value));
            }
        });
        if (body.length > 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] answer;
        if (in == null) {
            answer = new byte[0];
        } else {
            try (in) {
                answer = in.readAllBytes();
            }
        }
        return new Forwarded(status, connection.getHeaderFields(), answer);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "proxy " + endpoint() + " -> " + target;
    }
}
