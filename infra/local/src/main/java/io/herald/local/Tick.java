package io.herald.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local stand-in for an EventBridge schedule ({@code rate(1 minute)} in {@code template.yaml}): it invokes a
 * function with the "Scheduled Event" EventBridge sends, once per period and whenever {@link #fire()} is called.
 * Invocations never overlap: one local Lambda process takes one event at a time, and a tick that falls due while
 * the previous one still runs waits for it (EventBridge would start a second instance instead).
 */
public final class Tick implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Tick.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to invoke and how often.
     *
     * @param rule              the schedule rule's name, which the event's {@code resources} names
     * @param function          where raw events are POSTed: a local Lambda's {@code /_lambda_} endpoint
     * @param period            time between ticks (the first comes one period after the start)
     * @param invocationTimeout how long one invocation may take before it counts as failed
     * @param clock             the time in each event
     */
    public record Options(String rule, URI function, Duration period, Duration invocationTimeout, Clock clock) {

        public Options {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a tick's period must be positive, not " + period);
            }
        }
    }

    /** What one tick came to: the event sent and the function's status and answer (status 0 when it did not answer). */
    public record Result(String event, int status, String answer) {

        public boolean succeeded() {
            return status / 100 == 2;
        }
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong ticks = new AtomicLong();

    private Tick(Options options) {
        this.options = options;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "tick-" + options.rule()));
    }

    /** Starts ticking; {@link #close()} stops. */
    public static Tick start(Options options) {
        Tick tick = new Tick(options);
        long periodMillis = options.period().toMillis();
        tick.scheduler.scheduleAtFixedRate(tick::fireQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return tick;
    }

    /** Invokes the function now, between the scheduled ticks, and returns what it answered. */
    public Result fire() {
        try {
            return scheduler.submit(this::invoke).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tick ran", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the tick failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            throw new IllegalStateException("the tick for " + options.rule() + " is stopped");
        }
    }

    /** Ticks sent so far, scheduled or on demand. */
    public long ticks() {
        return ticks.get();
    }

    private void fireQuietly() {
        Result result = invoke();
        if (!result.succeeded()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: the scheduled invocation failed ({1}): {2}", options.rule(), result.status(), result.answer());
        }
    }

    private Result invoke() {
        String event = scheduledEvent(options.rule(), options.clock()).toString();
        ticks.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(options.function())
                .timeout(options.invocationTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(event, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Result(event, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(event, 0, "interrupted");
        }
    }

    /** The event an EventBridge schedule rule sends, timed to the second as EventBridge does. */
    static ObjectNode scheduledEvent(String rule, Clock clock) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", ElasticMq.ACCOUNT);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", ElasticMq.REGION);
        event.putArray("resources").add("arn:aws:events:" + ElasticMq.REGION + ":" + ElasticMq.ACCOUNT + ":rule/" + rule);
        event.putObject("detail");
        return event;
    }

    /** Stops ticking; a tick in progress finishes within its invocation timeout. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(options.invocationTimeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
