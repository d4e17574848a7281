package dev.backbone.cli;

import dev.backbone.stack.LocalStack;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "promote", description = "Promote the standby of a shard to primary through pg_auto_failover "
        + "(a switchover: the old primary rejoins as standby). A dead primary is failed over automatically.")
final class PromoteCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "SHARD", description = "Shard number, from 0.")
    int shard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalStack stack = options.open(false);
        if (shard < 0 || shard >= stack.layout().shardCount()) {
            throw new IllegalArgumentException("SHARD must be 0.." + (stack.layout().shardCount() - 1) + ", but was " + shard);
        }
        Shard target = stack.postgres().shard(shard);
        PostgresNode standby = target.standby().orElseThrow(() -> new IllegalStateException(
                target.id() + " has no running standby to promote; see ./backbone status"));
        standby.promote();
        spec.commandLine().getOut().println(target.id() + ": " + standby.name() + " promoted to primary on port " + standby.port()
                + " by pg_auto_failover (formation " + target.formation() + "); clients using " + target.jdbcUrl()
                + " follow it without changes");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
