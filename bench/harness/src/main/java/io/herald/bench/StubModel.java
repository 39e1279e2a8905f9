package io.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat-completions server in this process that answers every call after a fixed delay
 * with a valid email answer (as many variants as the prompt asks for, each linking to the brief's URL, so
 * every check passes and no repair call happens). It records each call's time as it saw it, from the
 * request's arrival to the end of its answer, so that the benchmark subtracts exactly the model's share.
 */
final class StubModel implements AutoCloseable {

    /** The prompt contract says "... with exactly N item(s)". */
    private static final Pattern VARIANTS = Pattern.compile("with exactly (\\d+) item");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Duration delay;
    private final String ctaUrl;
    private final ConcurrentLinkedQueue<Long> callNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    private StubModel(HttpServer server, ExecutorService executor, Duration delay, String ctaUrl) {
        this.server = server;
        this.executor = executor;
        this.delay = delay;
        this.ctaUrl = ctaUrl;
    }

    static StubModel start(Duration delay, String ctaUrl) {
        try {
            // The JDK server writes headers and body in separate packets; without TCP_NODELAY, Nagle's algorithm and the
            // client's delayed ACK stall an answer by 40 ms now and then, which would be billed to Herald's overhead.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            // A thread per call: parallel model calls must not queue behind one another's delay.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stub-model");
                thread.setDaemon(true);
                return thread;
            });
            StubModel stub = new StubModel(server, executor, delay, ctaUrl);
            server.createContext("/v1/chat/completions", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub model server", e);
        }
    }

    /** The base URL an OpenAI client is configured with. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    Duration delay() {
        return delay;
    }

    /** Changes the delay of the calls that arrive from now on. */
    void delay(Duration newDelay) {
        delay = newDelay;
    }

    /** The durations of the calls answered since the last drain, in nanoseconds. */
    List<Long> drain() {
        List<Long> calls = new ArrayList<>();
        for (Long call; (call = callNanos.poll()) != null; ) {
            calls.add(call);
        }
        return calls;
    }

    /** Requests the stub could not answer as a model would (wrong method or body); empty in a sound run. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String request;
            try (InputStream in = exchange.getRequestBody()) {
                request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                unexpected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] answer = JSON.writeValueAsBytes(completion(request));
            sleepUntil(arrived + delay.toNanos());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } finally {
            callNanos.add(System.nanoTime() - arrived);
        }
    }

    private ObjectNode completion(String request) throws IOException {
        String model = JSON.readTree(request).path("model").asText("stub-model");
        Matcher asked = VARIANTS.matcher(request);
        boolean counted = asked.find();
        int variants = counted ? Integer.parseInt(asked.group(1)) : 1;
        if (!counted) {
            unexpected.add("a prompt without the variant count: " + request.substring(0, Math.min(200, request.length())));
        }

        ObjectNode content = JSON.createObjectNode();
        ArrayNode items = content.putArray("variants");
        for (int i = 1; i <= variants; i++) {
            items.addObject()
                    .put("subject", "Your tea shelf misses you, take " + i)
                    .put("preheader", "A fresh harvest of green tea is in, picked for you")
                    .put("html", "<h1>The spring harvest is here</h1><p>We kept a tin of this year's first green tea"
                            + " for you. It is light, sweet and ready to brew.</p><p><a href=\"" + ctaUrl
                            + "\">See the spring harvest</a></p>");
        }

        ObjectNode completion = JSON.createObjectNode()
                .put("id", "chatcmpl-bench")
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", JSON.writeValueAsString(content));
        completion.putObject("usage").put("prompt_tokens", 600).put("completion_tokens", 150 * variants)
                .put("total_tokens", 600 + 150 * variants);
        return completion;
    }

    private static void sleepUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
