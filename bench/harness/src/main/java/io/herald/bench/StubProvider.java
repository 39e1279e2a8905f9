package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A SendGrid-compatible Mail Send endpoint in this process ({@code POST /v3/mail/send}) that accepts every message
 * with 202 and an {@code X-Message-Id} after a fixed latency, and records when each request arrived and to whom.
 * TCP_NODELAY is set (see StubModel), so the latency is the configured one and not Nagle's.
 */
final class StubProvider implements AutoCloseable {

    /**
     * One request: when it arrived (System.nanoTime), the first recipient's address, Herald's ids from its
     * {@code custom_args}, the {@code X-Message-Id} answered, and the paths of the click-redirect links in its HTML.
     */
    record Delivery(long arrivedNanos, String to, String messageId, String tenantId, String providerMessageId, List<String> clickPaths) {
    }

    /** A first-party click link as the send step writes it: {@code .../t/c/<token>}. */
    private static final java.util.regex.Pattern CLICK_LINK = java.util.regex.Pattern.compile("/t/c/[A-Za-z0-9_-]+");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration latency;
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    private StubProvider(HttpServer server, ExecutorService executor, Duration latency) {
        this.server = server;
        this.executor = executor;
        this.latency = latency;
    }

    static StubProvider start(Duration latency) {
        try {
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            // A thread per request: concurrent sends must not queue behind one another's latency.
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stub-provider");
                thread.setDaemon(true);
                return thread;
            });
            StubProvider stub = new StubProvider(server, executor, latency);
            server.createContext("/v3/mail/send", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub provider", e);
        }
    }

    /** What {@code herald.providers.sendgrid.base-url} is set to. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Duration latency() {
        return latency;
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    int count() {
        return deliveries.size();
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String to = null;
            JsonNode mail = null;
            try {
                mail = Http.JSON.readTree(body);
                to = mail.path("personalizations").path(0).path("to").path(0).path("email").asText(null);
            } catch (IOException notJson) {
                // counted below
            }
            if (!"POST".equals(exchange.getRequestMethod()) || to == null) {
                unexpected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " without a recipient");
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            JsonNode args = mail.path("personalizations").path(0).path("custom_args");
            List<String> clicks = new ArrayList<>();
            for (JsonNode content : mail.path("content")) {
                if ("text/html".equals(content.path("type").asText())) {
                    java.util.regex.Matcher link = CLICK_LINK.matcher(content.path("value").asText());
                    while (link.find()) {
                        clicks.add(link.group());
                    }
                }
            }
            String providerId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
            deliveries.add(new Delivery(arrived, to, args.path("herald-message-id").asText(null), args.path("herald-tenant").asText(null),
                    providerId, List.copyOf(clicks)));
            long left;
            while ((left = arrived + latency.toNanos() - System.nanoTime()) > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("X-Message-Id", providerId);
            exchange.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
