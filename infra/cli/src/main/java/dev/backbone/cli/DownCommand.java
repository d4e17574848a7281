package dev.backbone.cli;

import dev.backbone.stack.LocalStack;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "down", description = "Stop every process 'up' started (by pid). --purge also deletes all data.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--purge", description = "Delete the runtime folder (all Kafka, PostgreSQL and Redis data) after stopping.")
    boolean purge;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LocalStack stack = options.open(false);
        List<String> leftovers = stack.down();
        out.println(leftovers.isEmpty() ? "stack stopped" : "stack stopped; also stopped " + leftovers);
        if (purge) {
            stack.purge();
            out.println("purged " + stack.layout().runtimeDir());
        }
        out.flush();
        return 0;
    }
}
