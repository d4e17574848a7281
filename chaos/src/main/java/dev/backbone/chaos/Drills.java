package dev.backbone.chaos;

import dev.backbone.chaos.drills.BadDeployDrill;
import dev.backbone.chaos.drills.ColdStartDrill;
import dev.backbone.chaos.drills.ConsumerCrashDrill;
import dev.backbone.chaos.drills.KafkaOutageDrill;
import dev.backbone.chaos.drills.RedisFailureDrill;
import dev.backbone.chaos.drills.ShardFailureDrill;
import dev.backbone.chaos.drills.SlowServiceDrill;
import dev.backbone.chaos.drills.VolumeSpikeDrill;
import java.util.List;
import java.util.Map;

/** Every drill, in the order {@code chaos all} runs them, and the ones still to come. */
public final class Drills {

    /** Scenarios named by the issue that have no local drill yet, with why. */
    public static final Map<String, String> PENDING = Map.of("network-partition",
            "needs the brokers in network namespaces or a fault-injecting TCP proxy (tc qdiscs are not supported by this kernel, "
                    + "iptables is absent); see docs/runbooks/network-partition.md for the operator side and its Chaos Mesh counterpart");

    private Drills() {
    }

    public static List<Drill> all() {
        return List.of(new KafkaOutageDrill(), new ConsumerCrashDrill(), new ShardFailureDrill(), new RedisFailureDrill(),
                new SlowServiceDrill(), new VolumeSpikeDrill(), new BadDeployDrill(), new ColdStartDrill());
    }

    /**
     * The drill called {@code name}.
     *
     * @throws IllegalArgumentException naming the known drills, or why a named scenario is not a drill yet
     */
    public static Drill byName(String name) {
        if (PENDING.containsKey(name)) {
            throw new IllegalArgumentException("drill " + name + " is not available locally yet: " + PENDING.get(name));
        }
        return all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown drill '" + name + "'; drills: " + String.join(", ", all().stream().map(Drill::name).toList()) + ", all"));
    }
}
