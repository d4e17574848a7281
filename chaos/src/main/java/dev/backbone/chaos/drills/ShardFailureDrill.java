package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Seed 004 §3: a shard's primary dies. pg_auto_failover's monitor promotes its standby by itself,
 * writes and reads find it through the multi-host URL, the other shard never notices, and the old
 * primary's restarted keeper rewinds it (pg_rewind) and rejoins it as the standby.
 */
public final class ShardFailureDrill implements Drill {

    private static final int SHARD = 0;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "shard-failure";
    }

    @Override
    public String expectation() {
        return "Shard 0's primary is killed -9: pg_auto_failover promotes its standby by itself, the stalled shard catches up, "
                + "shard 1 is unaffected, the old primary is rewound and rejoins as standby.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        Shard shard = context.stack().postgres().shard(SHARD);
        PostgresNode primary = shard.primary().orElseThrow(() -> new IllegalStateException("shard " + SHARD + " has no primary"));
        PostgresNode standby = shard.standby().orElseThrow(() -> new IllegalStateException("shard " + SHARD + " has no standby"));
        Instant killed = Instant.now();
        primary.kill();
        context.mark(primary.name() + " (primary of shard " + SHARD + ") killed -9");
        // Nobody promotes: the pg_auto_failover monitor notices the dead primary and fails over to the standby.
        context.figure("time until the monitor starts the failover", context.await("detection", () -> standby.failoverState()
                .map(s -> !s.assigned().equals("secondary")).orElse(false), TIMEOUT));
        context.await("automatic promotion", () -> standby.role() == PostgresNode.Role.PRIMARY
                && standby.failoverState().map(s -> s.isWritablePrimary()).orElse(false), TIMEOUT);
        context.figure("failover time (kill to promoted standby accepting writes)", Duration.between(killed, Instant.now()));
        context.mark(standby.name() + " promoted by pg_auto_failover");
        context.hold();
        List<ProbeResult> during = context.probe().results().stream().filter(r -> r.at().isAfter(killed)).toList();
        context.figure("shard 1 look-ups unavailable during the fault", String.format("%d of %d",
                during.stream().filter(r -> r.shard() == 1 && r.kind() == ProbeResult.Kind.CUSTOMER_BY_ID
                        && r.outcome() == ProbeResult.Outcome.UNAVAILABLE).count(),
                during.stream().filter(r -> r.shard() == 1 && r.kind() == ProbeResult.Kind.CUSTOMER_BY_ID).count()));
        context.timeline().phase("heal");
        Instant rejoin = Instant.now();
        context.stack().postgres().heal(shard);
        context.figure("time to rejoin the old primary as standby (keeper restart, pg_rewind)", Duration.between(rejoin, Instant.now()));
        context.mark(primary.name() + " rejoined as standby of " + standby.name());
    }
}
