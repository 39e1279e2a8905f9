package io.herald.local;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ElasticMQ (the SQS API, in memory) inside this JVM, on localhost only: it holds queued tenant data without
 * authentication. Queue URLs and ARNs name {@link #REGION} and {@link #ACCOUNT}, so events built from them look
 * like AWS's. Closing it stops the server and its actor system.
 */
public final class ElasticMq implements AutoCloseable {

    /** The region in the queues' ARNs and in the SQS events built from them; the same one every local Lambda gets. */
    public static final String REGION = "us-east-1";
    /** The account id ElasticMQ writes into queue URLs and ARNs. */
    public static final String ACCOUNT = "000000000000";

    private final SQSRestServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts ElasticMQ on a free port and waits until it is bound. */
    public static ElasticMq start() {
        return start(NodeServer.freePort());
    }

    public static ElasticMq start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withPort(port)
                .withInterface("localhost")
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT)
                .start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("ElasticMQ did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    /** A new SDK client for this server (the caller closes it), with the dummy credentials ElasticMQ accepts. */
    public SqsClient client() {
        return client(endpoint());
    }

    /** An SDK client for any SQS endpoint with dummy credentials: what the local stack's pollers use. */
    public static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops the server; closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopAndWait();
        }
    }
}
