package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.fault.ProcessPause;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.timeline.LatencyStats;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.redis.RedisGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Seed 004 §5: one dependency becomes slow. Shard 1's primary and the Redis primary are frozen for
 * most of every short period; time limiters, circuit breakers and bulkheads must keep the unaffected
 * path (look-ups owned by shard 0) fast.
 */
public final class SlowServiceDrill implements Drill {

    private static final int SLOW_SHARD = 1;
    private static final Duration STOPPED = Duration.ofMillis(300);
    private static final Duration PERIOD = Duration.ofMillis(400);

    @Override
    public String name() {
        return "slow-service";
    }

    @Override
    public String expectation() {
        return "Latency in shard 1 and in Redis: timeouts, circuit breakers and bulkheads keep every unaffected path fast "
                + "(shard 0 look-ups keep their p99), the slow paths degrade (scatter, 503) but never answer wrong.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        PostgresNode slowPrimary = context.stack().postgres().shard(SLOW_SHARD).primary()
                .orElseThrow(() -> new IllegalStateException("shard " + SLOW_SHARD + " has no primary"));
        RedisGroup redis = context.stack().redis();
        String redisPrimary = redis.currentPrimary().orElseThrow(() -> new IllegalStateException("no Redis primary")).name();
        Instant before = context.timeline().start();
        Instant start = Instant.now();
        try (ProcessPause pause = new ProcessPause(context.stack().processes(), List.of(slowPrimary.name(), redisPrimary), STOPPED, PERIOD)) {
            pause.start();
            context.mark(slowPrimary.name() + " and " + redisPrimary + " frozen " + STOPPED.toMillis() + " ms of every "
                    + PERIOD.toMillis() + " ms");
            context.hold();
            context.timeline().phase("heal");
        }
        Instant end = Instant.now();
        context.mark("latency removed");
        List<ProbeResult> results = context.probe().results();
        Predicate<ProbeResult> unaffected = r -> r.kind() == ProbeResult.Kind.CUSTOMER_BY_ID && r.shard() != SLOW_SHARD;
        Predicate<ProbeResult> affected = r -> r.kind() == ProbeResult.Kind.CUSTOMER_BY_ID && r.shard() == SLOW_SHARD;
        context.figure("p99 of unaffected look-ups (shard 0 by id) before the fault", p99(results, unaffected, before, start));
        context.figure("p99 of unaffected look-ups (shard 0 by id) during the fault", p99(results, unaffected, start, end));
        context.figure("p99 of affected look-ups (shard 1 by id) during the fault", p99(results, affected, start, end));
        context.figure("p99 of look-ups by e-mail during the fault (slow Redis)",
                p99(results, r -> r.kind() == ProbeResult.Kind.CUSTOMER_BY_EMAIL, start, end));
    }

    private static String p99(List<ProbeResult> results, Predicate<ProbeResult> which, Instant from, Instant to) {
        List<ProbeResult> window = results.stream().filter(which).filter(r -> r.at().isAfter(from) && r.at().isBefore(to)).toList();
        return String.format(Locale.ROOT, "%.1f ms (%d answers)", LatencyStats.p99Millis(window), window.size());
    }
}
