package dev.backbone.query.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.query.guard.DependencyGuard;
import dev.backbone.query.guard.GuardSettings;
import dev.backbone.query.support.CountingQueryMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndexRepairWorkerTest {

  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();
  private final DependencyGuard redis = new DependencyGuard("redis",
      new GuardSettings("test.redis", Duration.ofSeconds(1), 1, 4, Duration.ofSeconds(30), 1), timeouts);
  private final RepairQueue queue = new RepairQueue(10);
  private final CountingQueryMetrics metrics = new CountingQueryMetrics();

  @AfterEach
  void close() {
    redis.close();
    timeouts.shutdownNow();
  }

  @Test
  void shouldRemoveEachQueuedEntryThatRedisStillHoldsAndCountTheChangedOnes() {
    List<StaleEntry> seen = new ArrayList<>();
    IndexRepairs repairs = entry -> {
      seen.add(entry);
      return entry.key().endsWith("a");
    };
    StaleEntry a = StaleEntry.string("idx:email:a", "c1", "e-mail changed");
    StaleEntry b = StaleEntry.statusMember("idx:orders:status:PAID", "o1", 42L, "c1", "status changed");
    queue.offer(a);
    queue.offer(b);

    int looked = new IndexRepairWorker(queue, repairs, redis, metrics).repairQueued();

    assertThat(looked).isEqualTo(2);
    assertThat(seen).containsExactly(a, b);
    assertThat(metrics.repairs(true)).isEqualTo(1);
    assertThat(metrics.repairs(false)).isEqualTo(1);
    assertThat(queue.size()).isZero();
  }

  @Test
  void shouldPutEntriesBackWhenRedisFails() {
    IndexRepairs down = entry -> {
      throw new IllegalStateException("connection refused");
    };
    queue.offer(StaleEntry.string("idx:email:a", "c1", "e-mail changed"));
    queue.offer(StaleEntry.string("idx:order:o1", "c2", "owner changed"));

    int looked = new IndexRepairWorker(queue, down, redis, metrics).repairQueued();

    assertThat(looked).isZero();
    assertThat(queue.size()).as("both wait for the next round").isEqualTo(2);
    assertThat(metrics.repairs(true) + metrics.repairs(false)).isZero();
  }
}
