package dev.backbone.cli;

import dev.backbone.etl.batch.EtlBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Benchmarks that print ratios against a baseline measured in the same run.",
        subcommands = {BenchCommand.Etl.class})
final class BenchCommand {

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
            PrintWriter out = spec.commandLine().getOut();
            new EtlBenchmark(EtlCommand.settings(options.open(false).layout(), 4), line -> {
                out.println(line);
                out.flush();
            }).run(orders);
            return 0;
        }
    }
}
