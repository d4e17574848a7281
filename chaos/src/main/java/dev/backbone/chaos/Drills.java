package dev.backbone.chaos;

import dev.backbone.chaos.drills.BadDeployDrill;
import dev.backbone.chaos.drills.ColdStartDrill;
import dev.backbone.chaos.drills.ConsumerCrashDrill;
import dev.backbone.chaos.drills.KafkaOutageDrill;
import dev.backbone.chaos.drills.NetworkPartitionDrill;
import dev.backbone.chaos.drills.RedisFailureDrill;
import dev.backbone.chaos.drills.ShardFailureDrill;
import dev.backbone.chaos.drills.SlowServiceDrill;
import dev.backbone.chaos.drills.VolumeSpikeDrill;
import java.util.List;

/** Every drill, in the order {@code chaos all} runs them. */
public final class Drills {

    private Drills() {
    }

    public static List<Drill> all() {
        return List.of(new KafkaOutageDrill(), new ConsumerCrashDrill(), new ShardFailureDrill(), new RedisFailureDrill(),
                new SlowServiceDrill(), new VolumeSpikeDrill(), new BadDeployDrill(), new ColdStartDrill(), new NetworkPartitionDrill());
    }

    /**
     * The drill called {@code name}.
     *
     * @throws IllegalArgumentException naming the known drills
     */
    public static Drill byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown drill '" + name + "'; drills: " + String.join(", ", all().stream().map(Drill::name).toList()) + ", all"));
    }
}
