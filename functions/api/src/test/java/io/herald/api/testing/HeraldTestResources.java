package io.herald.api.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.herald.core.store.TableDefinition;
import io.herald.local.Dynalite;
import io.herald.local.ElasticMq;
import io.herald.local.WorkQueues;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * The real servers the api talks to in tests: dynalite for DynamoDB, ElasticMQ for the queues the api writes
 * (send, generate, track, webhooks) and WireMock for the OpenAI API, each on a free port, started once for the
 * whole test run and stopped at its end.
 */
public class HeraldTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "test-admin-key-" + java.util.UUID.randomUUID();
    public static final String TABLE = "herald-test";
    /** The key provider credentials are encrypted under in tests (base64 of 32 random bytes). */
    public static final String SECRETS_KEY = randomKey();
    public static final String UNSUBSCRIBE_KEY = randomKey();
    public static final String PUBLIC_BASE_URL = "https://herald.test.example";

    private static WireMockServer wireMock;
    private static ElasticMq elasticMq;
    private static final Map<String, String> QUEUE_URLS = new java.util.concurrent.ConcurrentHashMap<>();
    private Dynalite dynalite;

    /** A client of the test run's ElasticMQ, to read what the api queued; close it after use. */
    public static SqsClient sqs() {
        return elasticMq.client();
    }

    /** The URL of one of the api's queues ({@code herald-track}, {@code herald-webhooks}, {@code herald-send}, {@code herald-generate}). */
    public static String queueUrl(String name) {
        return QUEUE_URLS.get(name);
    }

    /** The WireMock server standing in for the OpenAI-compatible model server. */
    public static WireMockServer wireMock() {
        return wireMock;
    }

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            TableDefinition.ensureTable(client, TABLE);
        }
        elasticMq = ElasticMq.start();
        try (SqsClient sqs = elasticMq.client()) {
            for (String name : java.util.List.of("herald-send", "herald-generate", "herald-track", "herald-webhooks")) {
                QUEUE_URLS.put(name, WorkQueues.ensure(sqs, WorkQueues.Spec.of(name, java.time.Duration.ofSeconds(30))).url());
            }
        }
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", dynalite.endpoint().toString()),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test"),
                Map.entry("herald.store.table", TABLE),
                Map.entry("herald.admin.key", ADMIN_KEY),
                Map.entry("quarkus.langchain4j.openai.base-url", wireMock.baseUrl() + "/v1"),
                Map.entry("quarkus.langchain4j.openai.api-key", "sk-test-not-a-real-key"),
                Map.entry("herald.secrets.key", SECRETS_KEY),
                Map.entry("herald.unsubscribe.signing-key", UNSUBSCRIBE_KEY),
                Map.entry("herald.unsubscribe.base-url", PUBLIC_BASE_URL),
                Map.entry("herald.sqs.endpoint-override", elasticMq.endpoint().toString()),
                Map.entry("herald.sqs.region", ElasticMq.REGION),
                Map.entry("herald.queues.send-url", QUEUE_URLS.get("herald-send")),
                Map.entry("herald.queues.generate-url", QUEUE_URLS.get("herald-generate")),
                Map.entry("herald.queues.track-url", QUEUE_URLS.get("herald-track")),
                Map.entry("herald.queues.webhooks-url", QUEUE_URLS.get("herald-webhooks")));
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (elasticMq != null) {
            elasticMq.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
}
