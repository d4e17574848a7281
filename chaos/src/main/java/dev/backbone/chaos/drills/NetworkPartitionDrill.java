package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.DrillFailedException;
import dev.backbone.chaos.probe.PartitionWriteProbe;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.kafka.KafkaCluster;
import dev.backbone.stack.net.NetworkLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/**
 * Seeds 000 and 002: the network splits. First one zone is cut off from the other two: its broker
 * and the Streams app, which runs beside it, can reach nothing but each other; the producers stay
 * with the majority. Then the Streams app alone is cut off from Kafka. Faults are black holes on the
 * stack's relayed links ({@link NetworkLinks}), so both sides see timeouts, not refused connections.
 */
public final class NetworkPartitionDrill implements Drill {

    private static final int CUT_OFF_NODE = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "network-partition";
    }

    @Override
    public String expectation() {
        return "One zone cut off: the majority fences its broker and keeps serving with min ISR 2, the cut-off broker acknowledges "
                + "no write (no split brain), and it rejoins on heal. Streams app cut off from Kafka: it stalls, events wait in "
                + "Kafka, and it resumes on heal. Nothing is lost.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        cutOffOneZone(context);
        context.timeline().phase("fault");
        cutOffTheApps(context);
    }

    private void cutOffOneZone(DrillContext context) throws Exception {
        KafkaCluster kafka = context.stack().kafka();
        StackLayout layout = context.stack().layout();
        NetworkLinks links = context.stack().links();
        String zone = layout.kafkaRack(CUT_OFF_NODE);
        List<Integer> majority = kafka.nodeIds().stream().filter(id -> id != CUT_OFF_NODE).toList();
        List<String> cut = new ArrayList<>(links.peerLinksOf(CUT_OFF_NODE));
        majority.forEach(id -> cut.add(NetworkLinks.appsLink(id)));

        // Observers in zone az-a: they see the cluster as kafka-0 does, so the cut-off broker (which
        // still believes itself registered and leading) can never answer them. A client bootstrapped
        // from the brokers' own listeners could still ask kafka-1 and believe it.
        String inZoneA = layout.zoneBootstrapServers(majority.get(0));
        try (Admin majorityAdmin = kafka.admin(inZoneA);
             PartitionWriteProbe probe = PartitionWriteProbe.create(majorityAdmin, UUID.randomUUID().toString().substring(0, 8),
                     CUT_OFF_NODE, majority)) {
            context.await("kafka-" + CUT_OFF_NODE + " leading " + probe.topic(),
                    () -> kafka.leaderOf(majorityAdmin, probe.topic(), 0).orElse(-1) == CUT_OFF_NODE, TIMEOUT);
            links.cut(cut);
            context.mark(zone + " cut off: kafka-" + CUT_OFF_NODE + " and the Streams app reach only each other");
            // The minority client sits in az-b: it reaches only kafka-1.
            PartitionWriteProbe.Writer minority = probe.startWriting("minority", layout.zoneBootstrapServers(CUT_OFF_NODE),
                    PartitionWriteProbe.MINORITY_DELIVERY_TIMEOUT, false);

            context.figure("time until the majority fenced kafka-" + CUT_OFF_NODE, context.await("kafka-" + CUT_OFF_NODE + " fenced", () -> {
                List<Integer> registered = kafka.brokerIds(majorityAdmin);
                return !registered.isEmpty() && !registered.contains(CUT_OFF_NODE);
            }, TIMEOUT));
            context.figure("time until the majority led the probe partition", context.await("the probe partition's new leader",
                    () -> majority.contains(kafka.leaderOf(majorityAdmin, probe.topic(), 0).orElse(-1)), TIMEOUT));
            PartitionWriteProbe.Writer majorityWriter = probe.startWriting("majority", inZoneA, Duration.ofSeconds(30), true);
            long acknowledgedAtCut = context.workload().progress().acknowledged();
            long journaledAtCut = context.workload().progress().buffered();
            context.hold(longest(context.mode().hold(), PartitionWriteProbe.MINORITY_DELIVERY_TIMEOUT.multipliedBy(2)));
            minority.stop();
            context.figure("Streams app lag while " + zone + " was cut off", String.format("%,d", context.sampler().currentLag()));
            context.figure("workload acknowledged while " + zone + " was cut off", String.format("%,d events, %,d of them journaled",
                    context.workload().progress().acknowledged() - acknowledgedAtCut,
                    context.workload().progress().buffered() - journaledAtCut));

            context.timeline().phase("heal");
            links.heal(cut);
            context.mark(zone + " reconnected");
            context.figure("time until kafka-" + CUT_OFF_NODE + " was registered again", context.await("kafka-" + CUT_OFF_NODE
                    + " registered", () -> kafka.brokerIds(majorityAdmin).contains(CUT_OFF_NODE), TIMEOUT));
            majorityWriter.stop();
            PartitionWriteProbe.Outcome outcome = probe.readBack(layout.bootstrapServers(), minority, majorityWriter);
            context.figure("writes acknowledged to the cut-off side", outcome.minorityAcknowledged() + " of "
                    + (outcome.minorityAcknowledged() + outcome.minorityFailed()) + outcome.minorityError().map(e -> " (refused: "
                    + abbreviate(e) + ")").orElse(""));
            context.figure("writes acknowledged to the majority during the cut", outcome.majorityAcknowledged() + ", "
                    + outcome.majorityMissing() + " missing after healing");
            context.figure("cut-off side's writes left in the log after healing", Long.toString(outcome.minorityInLog()));
            if (!outcome.violations().isEmpty()) {
                throw new DrillFailedException(String.join("; ", outcome.violations()));
            }
        }
        awaitAppCaughtUp(context, "after " + zone + " rejoined");
        if (context.mode().timeEveryRecovery()) {
            context.figure("time until kafka-" + CUT_OFF_NODE + " was back in every ISR", context.await("kafka-" + CUT_OFF_NODE
                    + " in sync", () -> kafka.outOfSyncPartitions(CUT_OFF_NODE) == 0, TIMEOUT));
        }
    }

    private void cutOffTheApps(DrillContext context) throws InterruptedException {
        NetworkLinks links = context.stack().links();
        long lagAtCut = Math.max(0, context.sampler().currentLag());
        links.cut(links.appsLinks());
        context.mark("Streams app cut off from every broker (lag then " + lagAtCut + ")");
        long threshold = lagAtCut + (long) context.mode().rate();
        context.figure("time until events waited in Kafka (lag > " + threshold + ")", context.await("the lag growing",
                () -> context.sampler().currentLag() > threshold, TIMEOUT));
        context.hold();
        long lagAtHeal = context.sampler().currentLag();
        context.timeline().phase("heal");
        links.heal(links.appsLinks());
        context.mark("Streams app reconnected (lag then " + lagAtHeal + ")");
        awaitAppCaughtUp(context, "after reconnecting");
    }

    /** Waits until the Streams app's lag is down to what three seconds of the workload add. */
    private static void awaitAppCaughtUp(DrillContext context, String when) throws InterruptedException {
        long caughtUp = (long) context.mode().rate() * 3;
        context.figure("time until the Streams app caught up " + when + " (lag <= " + caughtUp + ")", context.await(
                "the Streams app catching up " + when, () -> context.sampler().lagAtMost(caughtUp), context.mode().convergeTimeout()));
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
