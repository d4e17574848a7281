package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.stack.redis.RedisGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Seed 004 §4: the Redis secondary index fails, first its primary, then all of it. */
public final class RedisFailureDrill implements Drill {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "redis-failure";
    }

    @Override
    public String expectation() {
        return "Redis primary killed: Sentinel promotes the replica. Full Redis outage: queries fall back to scatter-gather over "
                + "the shards and never answer wrong; the index sink catches up after, reconciliation repairs any drift.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        RedisGroup redis = context.stack().redis();
        RedisGroup.Member primary = redis.currentPrimary().orElseThrow(() -> new IllegalStateException("no Redis primary"));
        int oldPrimary = primary.port();
        Instant killed = Instant.now();
        redis.kill(primary);
        context.mark(primary.name() + " (Redis primary) killed -9");
        context.figure("Sentinel failover time", context.await("Sentinel failover",
                () -> redis.currentPrimaryPort().filter(p -> p != oldPrimary).isPresent(), TIMEOUT));
        redis.start(primary);
        redis.awaitPing(primary);
        redis.awaitFailoverReady();
        context.mark(primary.name() + " restarted, replica of the new primary");

        context.mark("both Redis servers killed -9: the index is gone");
        Instant outage = Instant.now();
        redis.members().stream().filter(m -> !m.sentinel()).forEach(redis::kill);
        context.hold();
        long scatter = context.probe().results().stream().filter(r -> r.at().isAfter(outage) && "scatter".equals(r.path())).count();
        long indexed = context.probe().results().stream()
                .filter(r -> r.at().isAfter(outage) && r.kind() != ProbeResult.Kind.CUSTOMER_BY_ID).count();
        context.figure("global look-ups answered by scatter-gather during the outage", scatter + " of " + indexed);
        context.timeline().phase("heal");
        Instant healing = Instant.now();
        context.stack().healRedis();
        context.figure("time to bring Redis back (servers restarted, replica attached)", Duration.between(healing, Instant.now()));
        context.await("index path back", () -> firstIndexAnswerAfter(context, healing).isPresent(), TIMEOUT);
        context.figure("time from restarting Redis to the first answer via the index",
                Duration.between(healing, firstIndexAnswerAfter(context, healing).orElseThrow()));
        context.figure("time since the first kill", Duration.between(killed, Instant.now()));
    }

    private static Optional<Instant> firstIndexAnswerAfter(DrillContext context, Instant from) {
        return context.probe().results().stream().filter(r -> r.at().isAfter(from) && "index".equals(r.path()))
                .map(ProbeResult::at).findFirst();
    }
}
