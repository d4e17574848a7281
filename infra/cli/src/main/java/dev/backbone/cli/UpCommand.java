package dev.backbone.cli;

import dev.backbone.stack.ComponentStatus;
import dev.backbone.stack.LocalStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", description = "Start the local stack (idempotent): Kafka x3, PostgreSQL shards + standbys + warehouse, Redis + Sentinels.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant start = Instant.now();
        LocalStack stack = options.open(true);
        stack.up(line -> {
            out.printf("[%5.1fs] %s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, line);
            out.flush();
        });
        long unhealthy = stack.status().stream().filter(s -> !s.healthy()).count();
        out.printf("stack up in %d s; %s%n", Duration.between(start, Instant.now()).toSeconds(),
                unhealthy == 0 ? "all components healthy" : unhealthy + " component(s) unhealthy, see ./backbone status");
        return unhealthy == 0 ? 0 : 1;
    }

    static void print(PrintWriter out, List<ComponentStatus> rows) {
        // The name column fits the longest name, so the table stays aligned whatever components are added.
        int width = Math.max("COMPONENT".length(), rows.stream().mapToInt(row -> row.name().length()).max().orElse(0));
        String format = "%-" + width + "s %8s %6s  %-8s %s%n";
        out.printf(format, "COMPONENT", "PID", "PORT", "HEALTH", "ROLE");
        for (ComponentStatus row : rows) {
            out.printf(format, row.name(), row.pid() > 0 ? Long.toString(row.pid()) : "-",
                    Integer.toString(row.port()), row.healthy() ? "ok" : "DOWN", row.role());
        }
        out.flush();
    }
}
