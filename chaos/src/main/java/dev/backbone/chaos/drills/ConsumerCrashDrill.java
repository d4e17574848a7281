package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.apps.BackboneApps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/** Seed 004 §2: a consumer service crashes mid-batch while another instance shares the work. */
public final class ConsumerCrashDrill implements Drill {

    private static final Duration TAKE_OVER_TIMEOUT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "consumer-crash";
    }

    @Override
    public String expectation() {
        return "Two Streams instances; one is killed -9 mid-batch. The group rebalances, the survivor takes over its partitions, "
                + "at-least-once delivery loses nothing and idempotent, version-guarded writes duplicate no effect.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        BackboneApps apps = context.apps();
        apps.startStreamsApp(1);
        String victim = BackboneApps.streamsName(1);
        String survivor = BackboneApps.streamsName(0);
        context.mark(victim + " ready: two instances share the partitions");
        context.hold(context.mode().steady());
        long lagBefore = Math.max(0, context.sampler().currentLag());
        // The newcomer dies, not the stack's own instance: either proves the takeover, and the
        // survivor is then the instance every other drill expects, so healing needs no restart.
        apps.killStreamsApp(1);
        context.mark(victim + " killed -9 (lag then " + lagBefore + ")");
        // The dead member keeps its partitions until its session times out; then the group rebalances.
        try (Admin admin = context.stack().kafka().admin()) {
            context.figure("time until the group rebalanced onto " + survivor, context.await("the rebalance",
                    () -> stableWithOneMember(admin, apps.settings().streamsGroup()), TAKE_OVER_TIMEOUT));
        }
        long threshold = Math.max(lagBefore * 2, (long) context.mode().rate() * 3);
        context.figure("time until the survivor caught up (lag <= " + threshold + ")", context.await("the survivor catching up",
                () -> context.sampler().lagAtMost(threshold), TAKE_OVER_TIMEOUT));
        context.hold();
        context.timeline().phase("heal");
        if (context.mode().timeEveryRecovery()) {
            Instant restart = Instant.now();
            apps.startStreamsApp(1);
            context.figure("time until the killed instance was back and ready", Duration.between(restart, Instant.now()));
            apps.stop(victim);
            context.mark(victim + " stopped gracefully (back to one instance)");
        } else {
            context.mark(victim + " stays down: " + survivor + " carries the work, as before the drill");
        }
    }

    private static boolean stableWithOneMember(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
            return description.groupState() == GroupState.STABLE && description.members().size() == 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
