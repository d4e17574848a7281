package dev.backbone.cli;

import dev.backbone.stack.ComponentStatus;
import dev.backbone.stack.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Show every process of the stack: pid, port, role and health. Exit 1 if any is down.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalStack stack = options.open(false);
        List<ComponentStatus> rows = stack.status();
        UpCommand.print(spec.commandLine().getOut(), rows);
        spec.commandLine().getOut().println("kafka bootstrap: " + stack.layout().bootstrapServers());
        spec.commandLine().getOut().println("redis sentinel:  " + stack.layout().redisSentinelUri());
        spec.commandLine().getOut().println("sharding config: " + stack.layout().shardingConfigFile());
        spec.commandLine().getOut().flush();
        return rows.stream().allMatch(ComponentStatus::healthy) ? 0 : 1;
    }
}
