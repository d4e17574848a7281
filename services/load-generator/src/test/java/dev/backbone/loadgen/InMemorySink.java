package dev.backbone.loadgen;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.sdk.BufferFullException;
import dev.backbone.sdk.PublishReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A sink that acknowledges at once, in memory: every {@code bufferEvery}-th event as buffered,
 * every {@code failEvery}-th with {@link BufferFullException}, the rest as written to Kafka.
 */
final class InMemorySink implements EventSink {

    final List<EventEnvelope> published = new ArrayList<>();
    private final int bufferEvery;
    private final int failEvery;

    InMemorySink(int bufferEvery, int failEvery) {
        this.bufferEvery = bufferEvery;
        this.failEvery = failEvery;
    }

    @Override
    public synchronized CompletionStage<PublishReceipt> publish(EventEnvelope event) {
        published.add(event);
        int n = published.size();
        if (failEvery > 0 && n % failEvery == 0) {
            return CompletableFuture.failedFuture(new BufferFullException("journal full"));
        }
        if (bufferEvery > 0 && n % bufferEvery == 0) {
            return CompletableFuture.completedFuture(new PublishReceipt.Buffered(event.id(), n));
        }
        return CompletableFuture.completedFuture(new PublishReceipt.Kafka(event.id(), topicName(event.topic()), 0, n));
    }

    @Override
    public String topicName(DomainTopic topic) {
        return "test." + topic.topicName();
    }
}
