package io.herald.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.runtime.MockEventServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A function in the test's own JVM, behind a real Quarkus mock event server: a thread plays Lambda's runtime
 * client (GET the next invocation, answer with its response or its error over the runtime API), so the
 * poller under test talks to the same server, over the same sockets, as it does to a local Lambda.
 */
final class InJvmFunction implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNTIME = MockEventServer.BASE_PATH + "/2018-06-01/runtime/invocation/";

    /** What the function answers to one event: its result, or an error as a crashed handler reports it. */
    record Reply(boolean error, String body) {

        static Reply ok(String body) {
            return new Reply(false, body);
        }

        static Reply failure(String message) {
            return new Reply(true, "{\"errorMessage\":\"" + message + "\",\"errorType\":\"java.lang.IllegalStateException\"}");
        }
    }

    /** One event the function received, and when. */
    record Invocation(JsonNode event, Instant at) {
    }

    private final MockEventServer server = new MockEventServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<JsonNode, Reply> handler;
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final URI base;
    private volatile boolean running = true;

    private InJvmFunction(Function<JsonNode, Reply> handler) {
        this.handler = handler;
        int port = NodeServer.freePort();
        server.start(port);
        this.base = URI.create("http://localhost:" + port);
        this.thread = new Thread(this::run, "in-jvm-function-" + port);
        thread.start();
    }

    static InJvmFunction start(Function<JsonNode, Reply> handler) {
        return new InJvmFunction(handler);
    }

    /** Where events are POSTed. */
    URI eventUrl() {
        return base.resolve(MockEventServer.POST_EVENT);
    }

    List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    private void run() {
        while (running) {
            try {
                HttpResponse<String> next = http.send(HttpRequest.newBuilder(base.resolve(RUNTIME + "next")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                JsonNode event = JSON.readTree(next.body());
                invocations.add(new Invocation(event, Instant.now()));
                Reply reply = answer(event);
                http.send(HttpRequest.newBuilder(base.resolve(RUNTIME + requestId + (reply.error() ? "/error" : "/response")))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(reply.body())).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException stoppedOrBroken) {
                if (running) {
                    sleep(Duration.ofMillis(50));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A handler that throws is a crashed function: Lambda's runtime client reports it as the invocation's error. */
    private Reply answer(JsonNode event) {
        try {
            return handler.apply(event);
        } catch (RuntimeException e) {
            return Reply.failure(e.getClass().getSimpleName());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        server.close();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
