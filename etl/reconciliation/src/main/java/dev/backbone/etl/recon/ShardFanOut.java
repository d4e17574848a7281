package dev.backbone.etl.recon;

import dev.backbone.sharding.ShardId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/** Runs one piece of work against every shard at once, each on its own connection, and waits for all. */
final class ShardFanOut {

    /** Work on one shard. */
    interface ShardWork {
        void run(ShardId shard, Connection connection) throws SQLException;
    }

    private final Map<ShardId, String> shardUrls;
    private final String user;
    private final String password;
    private final ExecutorService pool;

    /** @param pool needs a thread per shard */
    ShardFanOut(Map<ShardId, String> shardUrls, String user, String password, ExecutorService pool) {
        this.shardUrls = shardUrls;
        this.user = user;
        this.password = password;
        this.pool = pool;
    }

    Map<ShardId, String> shardUrls() {
        return shardUrls;
    }

    /**
     * Runs {@code work} on every shard in parallel.
     *
     * @param what what the work does, for the error ("read index data")
     * @throws IllegalStateException naming the shard, with the {@link SQLException} as cause, when a shard fails
     */
    void forEachShard(String what, ShardWork work) {
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (Map.Entry<ShardId, String> shard : shardUrls.entrySet()) {
            tasks.add(CompletableFuture.runAsync(() -> {
                try (Connection c = DriverManager.getConnection(shard.getValue(), user, password)) {
                    work.run(shard.getKey(), c);
                } catch (SQLException e) {
                    throw new CompletionException(new IllegalStateException(
                            "cannot " + what + " on " + shard.getKey() + ": " + e.getMessage(), e));
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
