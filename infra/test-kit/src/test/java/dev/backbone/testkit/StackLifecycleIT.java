package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.ComponentStatus;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole second stack, 1 shard, on its own ports: up is idempotent and healthy, down leaves nothing. */
class StackLifecycleIT {

    @Test
    void shouldComeUpHealthyTwiceAndLeaveNoProcessOrPortBehindOnDown() {
        Path root = ProjectRoot.locate();
        int offset = Integer.getInteger("backbone.it.portOffset", 1000) + 500;
        StackLayout layout = new StackLayout(root, root.resolve(".runtime/it-lifecycle-" + offset), offset, 1);
        LocalStack stack = new LocalStack(layout);
        List<Long> pids = new ArrayList<>();
        try {
            stack.up(line -> { });
            stack.up(line -> { }); // idempotent: nothing new starts

            List<ComponentStatus> status = stack.status();
            // 3 Kafka nodes + their link relay, monitor + its PgBouncer, 2 shard nodes, warehouse, 2 Redis + 3 Sentinels
            assertThat(status).hasSize(3 + 1 + 2 + 2 + 1 + 5).allSatisfy(row -> assertThat(row.healthy()).as(row.name()).isTrue());
            assertThat(status).filteredOn(row -> row.role().contains("quorum leader")).hasSize(1);
            status.forEach(row -> pids.add(row.pid()));
            // The keepers report through the pool, not to the monitor directly.
            assertThat(stack.postgres().shard(0).nodes()).allSatisfy(node -> assertThat(node.keeperMonitorUri())
                    .as(node.name()).contains(stack.postgres().monitor().pool().monitorUri()));
        } finally {
            stack.down();
        }

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(stack.processes().recordedNames().stream().filter(n -> stack.processes().running(n).isPresent())).isEmpty();
        List<Integer> ports = new ArrayList<>(List.of(layout.kafkaBrokerPort(0), layout.kafkaBrokerPort(1), layout.kafkaBrokerPort(2),
                layout.failoverMonitorPort(), layout.failoverMonitorPoolPort(), layout.shardNodePort(0, 0), layout.shardNodePort(0, 1), layout.warehousePort(),
                layout.redisPrimaryPort(), layout.redisReplicaPort(), layout.linkControlPort(), layout.replicationLinkPort(0, 1)));
        ports.addAll(layout.sentinelPorts());
        assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port %d", port).isFalse());
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
