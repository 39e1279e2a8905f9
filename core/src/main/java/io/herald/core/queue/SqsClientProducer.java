package io.herald.core.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The one SQS client: the URL-connection HTTP client (no Netty, no Apache client: smaller native image), and no
 * retries of its own, because {@link SqsCalls} retries under SmallRye Fault Tolerance (one retry policy, not two
 * multiplied).
 */
@ApplicationScoped
class SqsClientProducer {

    @Produces
    @ApplicationScoped
    SqsClient sqsClient(SqsConfig config) {
        SqsClientBuilder builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)));
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpointOverride().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return builder.build();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }
}
