package dev.backbone.cli;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.bench.PipelineBenchmark;
import dev.backbone.chaos.bench.QueryBenchmark;
import dev.backbone.etl.batch.EtlBenchmark;
import dev.backbone.etl.recon.ReconBenchmark;
import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.bench.PublishBenchmark;
import dev.backbone.loadgen.bench.PublishBenchmarkJvm;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Benchmarks that print ratios against a baseline measured in the same run.",
        subcommands = {BenchCommand.Etl.class, BenchCommand.Recon.class, BenchCommand.Publish.class, BenchCommand.Pipeline.class,
                BenchCommand.Query.class})
final class BenchCommand {

    /** Prints each line of a benchmark's report as it comes (they run for minutes). */
    private static Consumer<String> lines(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    @Command(name = "etl", description = "Batch ETL rows/s vs a raw COPY of the same rows into the warehouse (needs ./backbone up).")
    static final class Etl implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Option(names = "--orders", paramLabel = "N", defaultValue = "100000",
                description = "Orders to seed, three versions each (default ${DEFAULT-VALUE}).")
        int orders;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            new EtlBenchmark(EtlCommand.settings(options.open(false).layout(), 4), lines(spec)).run(orders);
            return 0;
        }
    }

    @Command(name = "recon", description = "A clean reconciliation pass vs a raw read of the same shard rows and index "
            + "entries (repairs drift first, untimed; needs ./backbone up and data, e.g. from bench etl).")
    static final class Recon implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            new ReconBenchmark(ReconcileCommand.settings(options.open(false).layout(), IndexKeys.DEFAULT_PREFIX), lines(spec)).run();
            return 0;
        }
    }

    @Command(name = "publish", description = "SDK publish throughput and latency vs Kafka's raw ProducerPerformance on the same "
            + "cluster (acks=all, idempotent, zstd), then buffered-mode throughput with Kafka unreachable (needs ./backbone up).")
    static final class Publish implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
                description = "Records per phase against Kafka (default ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--buffered-records", paramLabel = "N", defaultValue = "50000",
                description = "Records of the buffered phase (default ${DEFAULT-VALUE}).")
        int bufferedRecords;

        @Option(names = "--record-size", paramLabel = "BYTES", defaultValue = "300",
                description = "Record value size; the SDK's JSON data is padded to it (default ${DEFAULT-VALUE}).")
        int recordSize;

        @Option(names = "--keys", paramLabel = "N", defaultValue = "10000",
                description = "Distinct customer ids (record keys) of the SDK's events; 1 puts every event in one partition "
                        + "(default ${DEFAULT-VALUE}).")
        int keys;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
                description = "Publishing threads of the SDK phases and of the raw phase with the SDK's records, as a "
                        + "service's request threads publish concurrently; ProducerPerformance has one (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "Rounds of all phases, each in a fresh JVM like ProducerPerformance's; the ratios printed last "
                        + "are the rounds' medians (1 to 9, default ${DEFAULT-VALUE}).")
        int rounds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            try {
                PublishBenchmark.checkArguments(keys, threads, rounds);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            StackLayout layout = options.open(false).layout();
            // in a JVM with ProducerPerformance's heap, not this one's (PublishBenchmarkJvm says why)
            return PublishBenchmarkJvm.run(layout.bootstrapServers(), layout.kafkaLibDir(), layout.runtimeDir().resolve("bench-publish"),
                    records, bufferedRecords, recordSize, keys, threads, rounds, lines(spec));
        }
    }

    @Command(name = "pipeline", description = "End-to-end events/s from publish to shard rows + index, and produce->queryable "
            + "latency at half that rate, vs the raw ceilings of the two sinks measured in the same run (needs ./backbone up; "
            + "starts the Streams app if it does not run).")
    static final class Pipeline implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Option(names = "--events", paramLabel = "N", defaultValue = "30000",
                description = "Events the sustained phase times (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "30000",
                description = "Events published before them and folded untimed while the freshly started app compiles "
                        + "(default ${DEFAULT-VALUE}; 0 times from ready).")
        long warmupEvents;

        @Option(names = "--ceiling-orders", paramLabel = "N", defaultValue = "20000",
                description = "Orders, three versions each, written by each sink ceiling (default ${DEFAULT-VALUE}).")
        int ceilingOrders;

        @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "30",
                description = "How long the latency phase probes (default ${DEFAULT-VALUE}).")
        long latencySeconds;

        @Option(names = "--latency-rate", paramLabel = "R", defaultValue = "0",
                description = "Events/s the load generator publishes while the latency phase probes (default: half the "
                        + "sustained rate, the target's load; a fixed rate compares runs or finds where latency turns).")
        double latencyRate;

        @Option(names = "--app-jvm-option", paramLabel = "OPTION",
                description = "A JVM option for the Streams app when the sustained phase restarts it, after the stack's own; "
                        + "repeatable (e.g. -Dbackbone.streams.commit-interval=1s, or -XX:TieredStopAtLevel=1 for the stack's C1-only JIT "
                        + "instead of production's C2).")
        List<String> appJvmOptions = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = options.open(false);
            var settings = new PipelineBenchmark.Settings(events, warmupEvents, ceilingOrders, Duration.ofSeconds(latencySeconds), appJvmOptions,
                    latencyRate);
            new PipelineBenchmark(stack, new BackboneApps(stack, AppsSettings.DEFAULTS), lines(spec)).run(settings);
            return 0;
        }
    }

    @Command(name = "query", description = "Global look-ups/s and p50/p99 via the Redis index vs via scatter-gather, with 2 and "
            + "4 shards, on scratch shards and a scratch index prefix (needs ./backbone up; starts its own query services).")
    static final class Query implements Callable<Integer> {

        @Mixin
        StackOptions options;

        @Option(names = "--customers", paramLabel = "N", defaultValue = "10000",
                description = "Customers written to the scratch shards (default ${DEFAULT-VALUE}).")
        int customers;

        @Option(names = "--orders-per-customer", paramLabel = "N", defaultValue = "3",
                description = "Orders of each customer (default ${DEFAULT-VALUE}).")
        int ordersPerCustomer;

        @Option(names = "--requests", paramLabel = "N", defaultValue = "5000",
                description = "Timed look-ups per kind, path and shard count; listings a tenth (default ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
                description = "Client threads, each waiting for its answer (default ${DEFAULT-VALUE}: latency without queueing;"
                        + " more measure throughput, with the clients on the service's two cores).")
        int concurrency;

        @Option(names = "--shard-counts", paramLabel = "N,N", split = ",", defaultValue = "2,4",
                description = "Shard counts to compare (default ${DEFAULT-VALUE}).")
        List<Integer> shardCounts;

        @Option(names = "--warm-up-seconds", paramLabel = "S", defaultValue = "30",
                description = "Untimed look-ups per query service before timing, while C2 compiles (default ${DEFAULT-VALUE}).")
        int warmUpSeconds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var settings = new QueryBenchmark.Settings(customers, ordersPerCustomer, requests, concurrency, shardCounts,
                    Duration.ofSeconds(warmUpSeconds));
            LocalStack stack = options.open(false);
            new QueryBenchmark(stack, new BackboneApps(stack, AppsSettings.DEFAULTS), lines(spec)).run(settings);
            return 0;
        }
    }
}
