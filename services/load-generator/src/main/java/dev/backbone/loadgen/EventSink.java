package dev.backbone.loadgen;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.sdk.PublisherConfig;
import java.util.concurrent.CompletionStage;

/** Where the load generator publishes: an {@link EventPublisher} in production, a fake in tests. */
public interface EventSink {

    /** Publishes one event; completes with its receipt once acknowledged, or exceptionally. */
    CompletionStage<PublishReceipt> publish(EventEnvelope event);

    /** The topic name events of {@code topic} go to (recorded in the ledger for buffered events). */
    String topicName(DomainTopic topic);

    /** A sink that publishes through {@code publisher}, which was built from {@code config}. */
    static EventSink of(EventPublisher publisher, PublisherConfig config) {
        return new EventSink() {
            @Override
            public CompletionStage<PublishReceipt> publish(EventEnvelope event) {
                return publisher.publish(event);
            }

            @Override
            public String topicName(DomainTopic topic) {
                return config.topicName(topic);
            }
        };
    }
}
