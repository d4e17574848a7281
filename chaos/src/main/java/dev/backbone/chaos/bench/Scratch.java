package dev.backbone.chaos.bench;

import dev.backbone.stack.StackLayout;
import dev.backbone.topology.shard.JdbcShardWriter;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Scratch room for benchmarks inside the running stack, so they never touch the pipeline's data:
 * copies of a shard's entity tables in their own schema (same columns, indexes and primary keys; none
 * of the change-tracking triggers) and index entries under their own key prefix.
 */
final class Scratch {

    private Scratch() {
    }

    /** (Re)creates {@code schema} on the shard behind {@code shardJdbcUrl} with empty copies of the entity tables. */
    static void createSchema(String shardJdbcUrl, String schema) throws SQLException {
        execute(shardJdbcUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".customers (LIKE public.customers INCLUDING ALL)",
                "CREATE TABLE " + schema + ".orders (LIKE public.orders INCLUDING ALL)");
    }

    /**
     * Gathers planner statistics of the schema's tables, as autovacuum would on a live shard: without
     * them freshly filled tables get default estimates and e.g. the e-mail look-up may not use its index.
     */
    static void analyze(String shardJdbcUrl, String schema) throws SQLException {
        execute(shardJdbcUrl, "ANALYZE " + schema + ".customers", "ANALYZE " + schema + ".orders");
    }

    static void dropSchema(String shardJdbcUrl, String schema) throws SQLException {
        execute(shardJdbcUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** A data source whose unqualified table names (the sinks' and readers') resolve in {@code schema}. */
    static PGSimpleDataSource dataSource(String shardJdbcUrl, String schema) {
        PGSimpleDataSource scratch = JdbcShardWriter.dataSource(shardJdbcUrl, StackLayout.DATABASE_USER, "");
        scratch.setCurrentSchema(schema);
        return scratch;
    }

    /** Deletes every key under {@code prefix}. */
    static void deleteKeys(StatefulRedisConnection<String, String> connection, String prefix) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1_000));
            if (!page.getKeys().isEmpty()) {
                connection.sync().del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    private static void execute(String shardJdbcUrl, String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection(shardJdbcUrl, StackLayout.DATABASE_USER, "");
                Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
