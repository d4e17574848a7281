package dev.backbone.cli;

import dev.backbone.etl.batch.BatchEtl;
import dev.backbone.etl.batch.EtlMode;
import dev.backbone.etl.batch.EtlReport;
import dev.backbone.etl.batch.EtlSettings;
import dev.backbone.stack.StackLayout;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "etl", description = "Load the shards into the warehouse star schema (incremental; --backfill reloads all). Acts on the "
        + "local stack, or in cluster mode on the databases named by backbone.* keys. See docs/warehouse.md.")
final class EtlCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--backfill", description = "Reload everything into fresh tables and swap them in.")
    boolean backfill;

    @Option(names = "--parallelism", paramLabel = "N", description = "Shards loaded at once (default ${DEFAULT-VALUE}).",
            defaultValue = "" + EtlSettings.DEFAULT_PARALLELISM)
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ClusterConfig> cluster = ClusterConfig.ofProcess();
        EtlSettings settings;
        if (cluster.isPresent()) {
            settings = cluster.get().etlSettings(parallelism);
            options.checkCluster(settings.shardJdbcUrls().size());
            out.println("cluster mode: " + settings);
        } else {
            settings = settings(options.open(false).layout(), parallelism);
        }
        EtlReport report = new BatchEtl(settings, line -> {
            out.println(line);
            out.flush();
        }).run(backfill ? EtlMode.BACKFILL : EtlMode.INCREMENTAL);
        out.printf("%s load done: %,d source rows in %d ms%n", report.mode(), report.totalRows(), report.duration().toMillis());
        out.flush();
        return 0;
    }

    /** ETL settings for the local stack: every shard's multi-host URL and the warehouse. */
    static EtlSettings settings(StackLayout layout, int parallelism) {
        return new EtlSettings(layout.shardJdbcUrls(), layout.warehouseJdbcUrl(), StackLayout.DATABASE_USER, "", parallelism);
    }
}
