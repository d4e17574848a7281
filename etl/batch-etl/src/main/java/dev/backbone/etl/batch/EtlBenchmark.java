package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * {@code ./backbone bench etl}: ETL throughput against the raw ceiling measured in the same run —
 * a plain binary COPY of the same rows from the shards into a warehouse table, with no merge, no
 * derivation and no aggregates. Seeds orders (three versions each) through the shards' real
 * triggers, routed to their owning shard. Prints rows/s of both and their ratio.
 */
public final class EtlBenchmark {

    private final EtlSettings settings;
    private final Consumer<String> out;

    public EtlBenchmark(EtlSettings settings, Consumer<String> out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the benchmark with {@code orders} orders (three versions each) and returns etl/baseline. */
    public double run(int orders) {
        if (orders < 1 || orders > 5_000_000) {
            throw new IllegalArgumentException("--orders must be between 1 and 5000000, but was " + orders);
        }
        BatchEtl etl = new BatchEtl(settings, line -> { });
        etl.run(EtlMode.INCREMENTAL); // catch up, so the measured window holds only the seeded rows
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try {
            Instant seedStart = Instant.now();
            seed(run, orders);
            long versions = 3L * orders;
            out.accept(String.format("seeded %,d orders (%,d versions) over %d shards in %.1f s", orders, versions,
                    settings.shardJdbcUrls().size(), seconds(Duration.between(seedStart, Instant.now()))));

            Instant baselineStart = Instant.now();
            long copied = rawCopy(run);
            Duration baseline = Duration.between(baselineStart, Instant.now());

            Instant etlStart = Instant.now();
            EtlReport report = etl.run(EtlMode.INCREMENTAL);
            Duration etlTime = Duration.between(etlStart, Instant.now());
            long loaded = report.windows().stream().filter(w -> w.pipeline() == Pipeline.ORDERS).mapToLong(WindowResult::rows).sum();

            double baselineRate = copied / seconds(baseline);
            double etlRate = loaded / seconds(etlTime);
            out.accept(String.format("baseline  raw COPY shards -> warehouse   %,10d rows in %6.2f s = %,10.0f rows/s", copied,
                    seconds(baseline), baselineRate));
            out.accept(String.format("etl       incremental window (all)     %,10d rows in %6.2f s = %,10.0f rows/s", loaded,
                    seconds(etlTime), etlRate));
            double ratio = etlRate / baselineRate;
            out.accept(String.format("ratio     etl / baseline = %.2f", ratio));
            return ratio;
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark failed: " + e.getMessage(), e);
        }
    }

    private void seed(String run, int orders) throws SQLException {
        ShardRouter router = new ShardRouter(settings.shardJdbcUrls().size());
        Map<ShardId, StringBuilder> placed = new HashMap<>();
        Map<ShardId, StringBuilder> paid = new HashMap<>();
        Map<ShardId, StringBuilder> shipped = new HashMap<>();
        for (int i = 0; i < orders; i++) {
            String customer = run + (i / 3);
            ShardId shard = router.shardFor(customer);
            String common = customer + "\t" + run + "ord-" + i + "\t";
            placed.computeIfAbsent(shard, s -> new StringBuilder())
                    .append(common).append("PLACED\t1000\tEUR\t1\t2026-01-01 10:00:00+00\t2026-01-01 10:00:00+00\n");
            paid.computeIfAbsent(shard, s -> new StringBuilder())
                    .append(common).append("PAID\t1000\tEUR\t2\t2026-01-01 10:00:00+00\t2026-01-01 11:00:00+00\n");
            shipped.computeIfAbsent(shard, s -> new StringBuilder())
                    .append(common).append("SHIPPED\t1000\tEUR\t3\t2026-01-01 10:00:00+00\t2026-01-02 09:00:00+00\n");
        }
        for (Map.Entry<ShardId, String> shard : settings.shardJdbcUrls().entrySet()) {
            try (Connection c = DriverManager.getConnection(shard.getValue(), settings.shardUser(), settings.shardPassword())) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                String columns = "customer_id, order_id, status, total_cents, currency, version, placed_at, updated_at";
                copy.copyIn("COPY orders (" + columns + ") FROM STDIN", stream(placed.get(shard.getKey())));
                // Later versions arrive as version-guarded upserts, like the shard sink writes them.
                for (StringBuilder versions : new StringBuilder[] {paid.get(shard.getKey()), shipped.get(shard.getKey())}) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TEMP TABLE IF NOT EXISTS bench_stage (LIKE orders)");
                        s.execute("TRUNCATE bench_stage");
                    }
                    copy.copyIn("COPY bench_stage (" + columns + ") FROM STDIN", stream(versions));
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO orders SELECT * FROM bench_stage ON CONFLICT (customer_id, order_id) DO UPDATE"
                                + " SET status = EXCLUDED.status, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at"
                                + " WHERE orders.version < EXCLUDED.version");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private long rawCopy(String run) throws SQLException {
        long rows = 0;
        try (Connection warehouse = DriverManager.getConnection(settings.warehouseJdbcUrl(), settings.warehouseUser(), settings.warehousePassword())) {
            try (Statement s = warehouse.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_raw (LIKE raw_order_versions)");
            }
            CopyManager target = warehouse.unwrap(PGConnection.class).getCopyAPI();
            for (String url : settings.shardJdbcUrls().values()) {
                try (Connection shard = DriverManager.getConnection(url, settings.shardUser(), settings.shardPassword())) {
                    CopyOut out = shard.unwrap(PGConnection.class).getCopyAPI().copyOut(
                            "COPY (SELECT customer_id, order_id, version, status, total_cents, currency, placed_at, updated_at, 'x'"
                                    + " FROM order_versions WHERE customer_id LIKE '" + run + "%') TO STDOUT (FORMAT binary)");
                    CopyIn in = target.copyIn("COPY bench_raw FROM STDIN (FORMAT binary)");
                    byte[] chunk;
                    while ((chunk = out.readFromCopy()) != null) {
                        in.writeToCopy(chunk, 0, chunk.length);
                    }
                    rows += in.endCopy();
                }
            }
        }
        return rows;
    }

    private static ByteArrayInputStream stream(StringBuilder text) {
        return new ByteArrayInputStream(text == null ? new byte[0] : text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toNanos(), 1) / 1e9;
    }
}
