package dev.backbone.chaos.bench;

import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.bench.Measurement;
import dev.backbone.stack.LocalJvm;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./backbone bench query}: global look-ups through the Redis index next to the scatter-gather
 * fallback, with N = 2 and N = 4 shards (by default), in the same run, to show how each path grows
 * with the number of shards.
 *
 * <p>The data are {@link QueryDataset}'s customers and orders, written with the sinks' own writers
 * into {@link Scratch} schemas (shard {@code i} of N on the stack's PostgreSQL cluster {@code i mod 2})
 * and index entries under a scratch prefix; the live pipeline's tables and keys are not touched. For
 * each N two query services run (the real application, as separate processes): one with the stack's
 * Redis, answering via the index, and one whose Redis address has nobody listening, answering every
 * look-up by scatter-gather — the degraded mode a Redis outage puts the service in. Both run with the
 * JDK's full JIT ({@link LocalJvm#benchmarkCommand}), as in production. Client threads then warm up,
 * time and check each kind of look-up over HTTP against one service at a time; a wrong answer fails
 * the run.
 */
public final class QueryBenchmark {

    private static final String SCRATCH_PREFIX = "bench:query:idx:";
    private static final String INDEX_PATH = "index";
    private static final String SCATTER_PATH = "scatter";
    /** Indexed p99 the issue asks for on this machine. */
    private static final double INDEX_P99_TARGET_MILLIS = 5;
    private static final Duration MAX_WARM_UP = Duration.ofMinutes(10);
    /** The kinds compared between paths: every kind but the HTTP floor. */
    private static final List<LookupKind> LOOKUPS = Arrays.stream(LookupKind.values()).filter(LookupKind::isLookup).toList();
    /** Look-ups per kind in one warm-up round: small, so every kind is warm when the time is up. */
    private static final int WARM_UP_ROUND = 500;

    private final LocalStack stack;
    private final BackboneApps apps;
    private final Consumer<String> out;

    /**
     * What to measure.
     *
     * @param customers customers to look up (each with {@code ordersPerCustomer} orders)
     * @param ordersPerCustomer orders of each customer
     * @param requests timed look-ups per kind, path and shard count (listings: a tenth of it)
     * @param concurrency client threads, each waiting for its answer before the next request
     * @param shardCounts the numbers of shards to compare
     * @param warmUp how long each query service is driven, untimed, before its rows are timed: C2 compiles the hot
     *     paths of Tomcat, Spring, Jackson, Lettuce and pgjdbc meanwhile, and on two cores that takes tens of seconds
     *     (timing too early put compiler pauses into the p99: 16-25 ms instead of 3 ms at one client)
     */
    public record Settings(int customers, int ordersPerCustomer, int requests, int concurrency, List<Integer> shardCounts,
            Duration warmUp) {

        public Settings {
            if (customers < 100) {
                throw new IllegalArgumentException("--customers must be >= 100 but was " + customers);
            }
            if (ordersPerCustomer < 1 || ordersPerCustomer > 100) {
                throw new IllegalArgumentException("--orders-per-customer must be between 1 and 100 but was " + ordersPerCustomer);
            }
            if (requests < 100) {
                throw new IllegalArgumentException("--requests must be >= 100 but was " + requests);
            }
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("--concurrency must be between 1 and 64 but was " + concurrency);
            }
            if (shardCounts == null || shardCounts.isEmpty()) {
                throw new IllegalArgumentException("--shard-counts must name at least one shard count, e.g. 2,4");
            }
            for (int shards : shardCounts) {
                if (shards < 1 || shards > StackLayout.MAX_SHARDS) {
                    throw new IllegalArgumentException("--shard-counts: each count must be between 1 and " + StackLayout.MAX_SHARDS
                            + " but was " + shards);
                }
            }
            shardCounts = List.copyOf(shardCounts);
            if (warmUp == null || warmUp.isNegative() || warmUp.compareTo(MAX_WARM_UP) > 0) {
                throw new IllegalArgumentException("--warm-up-seconds must be between 0 and " + MAX_WARM_UP.toSeconds() + " but was "
                        + (warmUp == null ? null : warmUp.toSeconds()));
            }
        }
    }

    /**
     * The figures of one run, by shard count, path ({@code index} or {@code scatter}) and look-up kind.
     *
     * @param outcomes every measured row, in the order measured
     */
    public record Result(Map<Row, LookupLoad.Outcome> outcomes) {

        /** How many answers were wrong (not a 200 naming what was asked for) over the whole run. */
        public long wrongAnswers() {
            return outcomes.values().stream().mapToLong(LookupLoad.Outcome::wrong).sum();
        }

        double p99(int shards, String path, LookupKind kind) {
            LookupLoad.Outcome outcome = outcomes.get(new Row(shards, path, kind));
            return outcome == null ? Double.NaN : outcome.measurement().p99Millis();
        }
    }

    /** One measured row: N shards, a path, a kind of look-up. */
    public record Row(int shards, String path, LookupKind kind) {

        String name() {
            return "N=" + shards + " " + path + " " + kind.label();
        }
    }

    public QueryBenchmark(LocalStack stack, BackboneApps apps, Consumer<String> out) {
        this.stack = stack;
        this.apps = apps;
        this.out = out;
    }

    public Result run(Settings settings) throws Exception {
        StackLayout layout = stack.layout();
        RedisHeadroom.check(layout.redisSentinelUri());
        QueryDataset data = new QueryDataset(settings.customers(), settings.ordersPerCustomer());
        say("bench query: %,d customers, %,d orders; %,d look-ups per row (listings %,d), %d client threads; shards %s;"
                + " warm-up %d s per service",
                data.customers(), data.orders(), settings.requests(), listingRequests(settings), settings.concurrency(),
                settings.shardCounts(), settings.warmUp().toSeconds());
        RedisClient redis = RedisClient.create(RedisURI.create(layout.redisSentinelUri()));
        Map<Row, LookupLoad.Outcome> outcomes = new LinkedHashMap<>();
        try (StatefulRedisConnection<String, String> index = redis.connect()) {
            try {
                say("writing %,d index entries under %s ...", data.customers() + 2L * data.orders(), SCRATCH_PREFIX);
                data.writeIndex(index, new IndexKeys(SCRATCH_PREFIX));
                index.setAutoFlushCommands(true); // the index writer pipelines by switching it off
                for (int shards : settings.shardCounts()) {
                    List<String> shardUrls = scratchShards(layout, shards);
                    say("N=%d: writing %,d rows into %d scratch shards ...", shards, data.customers() + (long) data.orders(), shards);
                    data.writeRows(shard -> Scratch.dataSource(physicalShardUrl(layout, shard), schema(shards, shard)), shards);
                    for (int shard = 0; shard < shards; shard++) {
                        Scratch.analyze(physicalShardUrl(layout, shard), schema(shards, shard));
                    }
                    measure(settings, data, shards, shardUrls, layout.redisSentinelUri(), INDEX_PATH, outcomes);
                    measure(settings, data, shards, shardUrls, "redis://127.0.0.1:" + freePort(), SCATTER_PATH, outcomes);
                    dropScratchShards(layout, shards);
                }
            } finally {
                index.setAutoFlushCommands(true);
                Scratch.deleteKeys(index, SCRATCH_PREFIX);
                for (int shards : settings.shardCounts()) {
                    dropScratchShards(layout, shards);
                }
            }
        } finally {
            redis.shutdown();
        }
        Result result = new Result(outcomes);
        report(settings, result);
        if (result.wrongAnswers() > 0) {
            throw new IllegalStateException(result.wrongAnswers() + " look-ups were answered wrongly (see 'wrong' above): a bug, "
                    + "not a slow path; the query services' logs: " + stack.logFile("bench-query-" + INDEX_PATH) + ", "
                    + stack.logFile("bench-query-" + SCATTER_PATH));
        }
        return result;
    }

    /** Starts a query service over {@code shardUrls} with {@code redisUri}, times every kind of look-up, stops it. */
    private void measure(Settings settings, QueryDataset data, int shards, List<String> shardUrls, String redisUri, String path,
            Map<Row, LookupLoad.Outcome> outcomes) throws InterruptedException {
        String name = "bench-query-" + path;
        int port = freePort();
        say("N=%d: starting a query service answering via %s (port %d) ...", shards, path, port);
        apps.startQueryService(name, LocalJvm.benchmarkCommand(BackboneApps.QUERY_SERVICE_HEAP), port, shardUrls, redisUri, SCRATCH_PREFIX);
        try {
            LookupLoad load = new LookupLoad(apps, data, settings.concurrency());
            warmUp(load, port, path, settings.warmUp());
            for (LookupKind kind : LookupKind.values()) {
                Row row = new Row(shards, path, kind);
                LookupLoad.Outcome outcome = load.run(row.name(), port, kind, requests(settings, kind), path);
                outcomes.put(row, outcome);
                say("%s%s", outcome.measurement().row(), flags(outcome));
            }
        } finally {
            apps.stop(name);
        }
    }

    /**
     * Every kind in turn, untimed, in small rounds until {@code duration} has passed (at least one
     * round): the kinds share most of their code, which C2 compiles meanwhile.
     */
    private void warmUp(LookupLoad load, int port, String path, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long lookups = 0;
        do {
            for (LookupKind kind : LookupKind.values()) {
                int round = kind == LookupKind.LISTING ? WARM_UP_ROUND / 10 : WARM_UP_ROUND;
                load.run("warm-up", port, kind, round, path);
                lookups += round;
            }
        } while (System.nanoTime() - start < duration.toNanos());
        say("  warm-up: %,d look-ups in %.0f s, untimed", lookups, (System.nanoTime() - start) / 1e9);
    }

    private void report(Settings settings, Result result) {
        say("");
        say("%s", Measurement.header());
        result.outcomes().values().forEach(outcome -> say("%s%s", outcome.measurement().row(), flags(outcome)));
        say("");
        for (LookupKind kind : LOOKUPS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s p99 scatter/index:", kind.label()));
            for (int shards : settings.shardCounts()) {
                line.append(String.format(Locale.ROOT, "  N=%d %.2fx", shards,
                        result.p99(shards, SCATTER_PATH, kind) / result.p99(shards, INDEX_PATH, kind)));
            }
            int first = settings.shardCounts().get(0);
            int last = settings.shardCounts().get(settings.shardCounts().size() - 1);
            if (first != last) {
                line.append(String.format(Locale.ROOT, "   p99 N=%d/N=%d: index %.2fx, scatter %.2fx", last, first,
                        result.p99(last, INDEX_PATH, kind) / result.p99(first, INDEX_PATH, kind),
                        result.p99(last, SCATTER_PATH, kind) / result.p99(first, SCATTER_PATH, kind)));
            }
            say("%s", line);
        }
        for (int shards : settings.shardCounts()) {
            double floor = result.p99(shards, INDEX_PATH, LookupKind.HTTP_FLOOR);
            say("N=%d index p99 minus the HTTP floor's %.2f ms: email %+.2f ms, order %+.2f ms, listing %+.2f ms", shards, floor,
                    result.p99(shards, INDEX_PATH, LookupKind.EMAIL) - floor, result.p99(shards, INDEX_PATH, LookupKind.ORDER) - floor,
                    result.p99(shards, INDEX_PATH, LookupKind.LISTING) - floor);
        }
        for (int shards : settings.shardCounts()) {
            for (LookupKind kind : List.of(LookupKind.EMAIL, LookupKind.ORDER)) {
                double p99 = result.p99(shards, INDEX_PATH, kind);
                say("target indexed p99 < %.0f ms: N=%d %s %.2f ms %s (%d client%s%s)", INDEX_P99_TARGET_MILLIS, shards, kind.label(),
                        p99, p99 < INDEX_P99_TARGET_MILLIS ? "met" : "MISSED", settings.concurrency(),
                        settings.concurrency() == 1 ? "" : "s",
                        settings.concurrency() == 1 ? "" : ", clients and service share two cores: queueing is in the p99");
            }
        }
    }

    private static String flags(LookupLoad.Outcome outcome) {
        List<String> flags = new ArrayList<>();
        if (outcome.wrong() > 0) {
            flags.add(outcome.wrong() + " wrong");
        }
        if (outcome.otherPath() > 0) {
            flags.add(outcome.otherPath() + " via another path");
        }
        return flags.isEmpty() ? "" : "   <- " + String.join(", ", flags);
    }

    private static int requests(Settings settings, LookupKind kind) {
        return kind == LookupKind.LISTING ? listingRequests(settings) : settings.requests();
    }

    private static int listingRequests(Settings settings) {
        return Math.max(100, settings.requests() / 10);
    }

    /** Creates N scratch shards, shard {@code i} on the stack's cluster {@code i mod shardCount}; returns their URLs. */
    private static List<String> scratchShards(StackLayout layout, int shards) throws SQLException {
        List<String> urls = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            Scratch.createSchema(physicalShardUrl(layout, shard), schema(shards, shard));
            urls.add(physicalShardUrl(layout, shard) + "&currentSchema=" + schema(shards, shard));
        }
        return urls;
    }

    private static void dropScratchShards(StackLayout layout, int shards) throws SQLException {
        for (int shard = 0; shard < shards; shard++) {
            Scratch.dropSchema(physicalShardUrl(layout, shard), schema(shards, shard));
        }
    }

    private static String physicalShardUrl(StackLayout layout, int shard) {
        return layout.shardJdbcUrl(shard % layout.shardCount());
    }

    private static String schema(int shards, int shard) {
        return "bench_query_n" + shards + "_s" + shard;
    }

    /** A port nobody listens on right now: for the query services and for the scatter instance's unreachable Redis. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port", e);
        }
    }

    private void say(String format, Object... args) {
        out.accept(String.format(Locale.ROOT, format, args));
    }
}
