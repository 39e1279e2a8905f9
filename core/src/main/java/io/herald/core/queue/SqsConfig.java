package io.herald.core.queue;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

/** How Herald reaches SQS: the region's endpoint in AWS, an emulator (ElasticMQ) locally and in tests. */
@ConfigMapping(prefix = "herald.sqs")
public interface SqsConfig {

    /**
     * An SQS-compatible endpoint such as ElasticMQ's {@code http://127.0.0.1:9324} (HERALD_SQS_ENDPOINT_OVERRIDE);
     * unset in AWS. With it set the client signs with placeholder credentials, which an emulator accepts.
     */
    Optional<URI> endpointOverride();

    /** The queues' region (HERALD_SQS_REGION); unset in AWS, where Lambda's {@code AWS_REGION} applies. */
    Optional<String> region();
}
