package dev.backbone.stack.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Retries an admin call while Kafka answers with an error it calls retriable. Seconds after a cluster
 * starts or a topic is created, a broker may not know the topic yet ({@code
 * UnknownTopicOrPartitionException}); that failed a fresh stack in CI twice.
 */
public final class KafkaRetries {

    private static final long PAUSE_MILLIS = 500;

    /** An admin call, as its futures fail. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private KafkaRetries() {
    }

    /** Runs {@code call} until it succeeds, fails with a non-retriable error, or {@code within} has passed. */
    public static <T> T whileRetriable(Duration within, Call<T> call)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return call.run();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        }
    }
}
