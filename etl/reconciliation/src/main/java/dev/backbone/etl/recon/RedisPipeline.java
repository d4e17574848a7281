package dev.backbone.etl.recon;

import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a batch of asynchronous Redis commands issued back to back on one connection: Lettuce
 * writes them without waiting for replies, so a batch costs one round trip instead of one per entry.
 */
final class RedisPipeline {

    private RedisPipeline() {
    }

    /** Waits until every command answered; a failure or the timeout fails the whole batch. */
    static void await(Collection<? extends CompletableFuture<?>> commands, Duration timeout) {
        try {
            CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + commands.size() + " Redis commands", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisCommandTimeoutException(commands.size() + " pipelined Redis commands did not all answer within "
                    + timeout.toMillis() + " ms (recon.redis.timeout)");
        }
    }
}
