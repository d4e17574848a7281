package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.ProgressListener;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.process.Await;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole backbone on the real stack: the load generator publishes through the SDK with its
 * ledger, the application runs as its own JVM, and the shard rows and the Redis index must equal
 * the fold of the ledger: every acknowledged event reflected, nothing counted twice — also when the
 * application JVM is killed with SIGKILL mid-run and restarted.
 */
@ExtendWith(LocalStackExtension.class)
class BackboneAppIT {

  private static final int EVENTS = Integer.getInteger("backbone.it.app.events", 5_000);
  private static final int CUSTOMERS = 400;
  private static final double RATE = 600;
  private static final Duration CONVERGENCE = Duration.ofMinutes(4);

  private final TestStack stack;
  private final ShardRows rows;
  private final List<AppProcess> apps = new ArrayList<>();

  @TempDir
  Path dir;

  BackboneAppIT(TestStack stack) {
    this.stack = stack;
    this.rows = new ShardRows(stack);
    stack.kafka();
    stack.postgres();
    stack.redis();
  }

  @AfterAll
  static void deleteAppCopy() throws IOException {
    AppProcess.deleteClasspathCopy();
  }

  @AfterEach
  void stopApps() throws InterruptedException {
    for (AppProcess app : apps) {
      app.stop();
    }
    stack.heal();
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenTheAppJvmIsKilledMidRun() throws Exception {
    String run = stack.uniqueName("kill");
    AppProcess first = launch(run);
    first.awaitReady(Duration.ofMinutes(2));

    ExpectedState expected = publish(run, () -> {
      try {
        // given the app has written part of the run, when it is killed with SIGKILL and restarted
        awaitSomeRows(run);
        first.kill9();
        launch(run).awaitReady(Duration.ofMinutes(2));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    // then the projections still equal the fold of the ledger: every ledgered event is reflected in its
    // shard and the index, none twice (a run without the kill proves nothing this one does not)
    assertConverges(run, expected);
  }

  @Test
  void shouldKeepWritingShardsWhileRedisIsDownAndCatchUpTheIndexAfter() throws Exception {
    String run = stack.uniqueName("redis");
    AppProcess app = launch(run);
    app.awaitReady(Duration.ofMinutes(2));

    // given both Redis servers go down mid-run (SIGTERM: the AOF keeps what Redis acknowledged)
    ExpectedState expected = publish(run, () -> {
      try {
        awaitSomeRows(run);
        stack.redis().stop(stack.redis().serverA());
        stack.redis().stop(stack.redis().serverB());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    // then the shards still reach the fold of the ledger while Redis is down (failures stay in their compartment)
    assertShardsConverge(run, expected);
    assertThat(stack.redis().isRunning(stack.redis().serverA())).isFalse();
    // and /metrics shows it: the index sink stalled with changes pending, the shard sink writing batches
    String duringOutage = app.scrapeMetrics();
    assertThat(PrometheusText.value(duringOutage, "backbone_index_sink_stalled")).isEqualTo(1);
    assertThat(PrometheusText.value(duringOutage, "backbone_index_sink_pending")).isPositive();
    assertThat(PrometheusText.value(duringOutage, "backbone_index_sink_failures_total")).isPositive();
    assertThat(PrometheusText.value(duringOutage, "backbone_shard_sink_batch_changes_total{shard=\"0\"}")
        + PrometheusText.value(duringOutage, "backbone_shard_sink_batch_changes_total{shard=\"1\"}")).isPositive();
    assertThat(PrometheusText.value(duringOutage, "backbone_shard_circuit_state{shard=\"0\"}")).isZero();

    // and after Redis returns, the index sink catches up with nothing skipped
    stack.heal();
    assertConverges(run, expected);
    String after = app.scrapeMetrics();
    assertThat(PrometheusText.value(after, "backbone_index_sink_stalled")).isZero();
    assertThat(PrometheusText.value(after, "backbone_index_sink_batches_total")).isPositive();
    assertThat(PrometheusText.value(after, "backbone_index_sink_batch_seconds_total")).isPositive();
    // Kafka's per-task and per-partition series are bound when they appear (the binders look every 10 s)
    assertThat(Await.until(() -> metricsContain(app, "kafka_stream_task_process_total{",
        "kafka_consumer_fetch_manager_records_lag{"), AppMetrics.NEW_METRICS_CHECK.multipliedBy(3), Duration.ofSeconds(1)))
        .as("Kafka Streams task and sink-consumer partition metrics on /metrics").isTrue();
  }

  @Test
  void shouldStallOnlyTheShardWhosePrimaryIsKilledAndCatchItUpAfterTheAutomaticFailover() throws Exception {
    String run = stack.uniqueName("shard");
    launch(run).awaitReady(Duration.ofMinutes(2));
    ShardRouter router = new ShardRouter(stack.layout().shardCount());
    PostgresNode standby = stack.postgres().shard(0).standby().orElseThrow();

    // given shard 0's primary is killed (SIGKILL) mid-run
    ExpectedState expected = publish(run, () -> {
      try {
        awaitSomeRows(run);
        stack.postgres().shard(0).primary().orElseThrow().kill();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    // then shard 1 still reaches its part of the fold, whatever shard 0 is going through
    Map<String, String> expectedOnShard1 = new HashMap<>();
    expected.orders().values().stream().filter(o -> router.shardFor(o.customerId()).index() == 1)
        .forEach(o -> expectedOnShard1.put(o.orderId(), o.customerId() + " v" + o.sequence() + " " + o.status().name()));
    long deadline = System.nanoTime() + CONVERGENCE.toNanos();
    Map<String, String> onShard1 = Map.of();
    while (System.nanoTime() < deadline && !onShard1.equals(expectedOnShard1)) {
      Thread.sleep(1_000);
      onShard1 = rows.orders(run, 1);
    }
    assertThat(ShardRows.differences(expectedOnShard1, onShard1)).as("shard 1 while shard 0 fails over").isEmpty();

    // and pg_auto_failover promotes shard 0's standby by itself: shard 0 catches up through the unchanged multi-host URL
    long failoverDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < failoverDeadline && !stack.postgres().shard(0).primary().equals(java.util.Optional.of(standby))) {
      Thread.sleep(500);
    }
    assertThat(stack.postgres().shard(0).primary()).contains(standby);
    assertConverges(run, expected);
  }

  private void assertShardsConverge(String run, ExpectedState expected) throws Exception {
    Map<String, String> expectedOrders = new HashMap<>();
    expected.orders().values().forEach(o -> expectedOrders.put(o.orderId(),
        o.customerId() + " v" + o.sequence() + " " + o.status().name()));
    Map<String, String> expectedPayments = expectedPayments(expected);
    long deadline = System.nanoTime() + CONVERGENCE.toNanos();
    Map<String, String> orders = Map.of();
    Map<String, String> payments = Map.of();
    while (System.nanoTime() < deadline) {
      orders = rows.orders(run);
      payments = rows.payments(run);
      if (orders.equals(expectedOrders) && payments.equals(expectedPayments)) {
        break;
      }
      Thread.sleep(1_000);
    }
    assertThat(ShardRows.differences(expectedOrders, orders)).as("order rows while Redis is down").isEmpty();
    // payments have no index entries: the shard sink writes them whatever Redis does
    assertThat(ShardRows.differences(expectedPayments, payments)).as("payment rows while Redis is down").isEmpty();
  }

  private AppProcess launch(String run) throws Exception {
    Path logs = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "app-it-logs"));
    AppProcess app = AppProcess.launch(stack, run, dir.resolve("state"), run + ":", logs.resolve(run + ".log"));
    apps.add(app);
    return app;
  }

  /** Publishes the run through the SDK while {@code during} runs; returns the fold of the ledger. */
  private ExpectedState publish(String run, Runnable during) throws Exception {
    PublisherConfig config = PublisherConfig.builder().bootstrapServers(stack.kafka().bootstrapServers())
        .clientId(run).source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("journal"))).build();
    LoadSpec spec = LoadSpec.builder().customers(CUSTOMERS).ratePerSecond(RATE).maxEvents(EVENTS)
        .maxDuration(Duration.ofMinutes(5)).ledger(dir.resolve("ledger.tsv")).idPrefix(run).build();
    LoadSummary summary;
    try (EventPublisher publisher = EventPublisher.builder(config).build()) {
      CompletableFuture<LoadSummary> load = CompletableFuture.supplyAsync(() -> {
        try {
          return LoadGenerator.of(EventSink.of(publisher, config)).run(spec, ProgressListener.NONE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      during.run();
      summary = load.get(6, TimeUnit.MINUTES);
    }
    assertThat(summary.progress().failed()).isZero();
    assertThat(summary.unconfirmed()).isZero();
    Ledger ledger = Ledger.read(spec.ledger());
    assertThat(ledger.entries()).hasSize(EVENTS);
    return LedgerFold.fold(ledger.entries());
  }

  private void awaitSomeRows(String run) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (rows.customers(run).size() > CUSTOMERS / 4) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no rows of " + run + " appeared");
  }

  private void assertConverges(String run, ExpectedState expected) throws Exception {
    Map<String, String> expectedCustomers = new HashMap<>();
    expected.customers().values().forEach(c -> expectedCustomers.put(c.customerId(),
        ShardRows.customerRow(c.sequence(), c.deleted() ? null : c.email(), c.deleted())));
    Map<String, String> expectedOrders = new HashMap<>();
    expected.orders().values().forEach(o -> expectedOrders.put(o.orderId(),
        o.customerId() + " v" + o.sequence() + " " + o.status().name()));
    Map<String, String> expectedPayments = expectedPayments(expected);
    Map<String, String> expectedIndex = expectedIndex(run, expected);

    long deadline = System.nanoTime() + CONVERGENCE.toNanos();
    Map<String, String> customers = Map.of();
    Map<String, String> orders = Map.of();
    Map<String, String> payments = Map.of();
    Map<String, String> index = Map.of();
    SQLException unreachable = null;
    while (System.nanoTime() < deadline) {
      try {
        customers = rows.customers(run);
        orders = rows.orders(run);
        payments = rows.payments(run);
        unreachable = null;
      } catch (SQLException e) {
        // A shard that was just failed over may refuse connections for a moment more (seen once in CI
        // right after the monitor reported the promotion); converging includes becoming reachable.
        unreachable = e;
        Thread.sleep(1_000);
        continue;
      }
      index = readIndex(run);
      if (customers.equals(expectedCustomers) && orders.equals(expectedOrders) && payments.equals(expectedPayments)
          && index.equals(expectedIndex)) {
        break;
      }
      Thread.sleep(1_000);
    }
    if (unreachable != null) {
      throw new AssertionError("a shard stayed unreachable until the convergence deadline", unreachable);
    }
    assertThat(ShardRows.differences(expectedCustomers, customers)).as("customer rows = fold of the ledger").isEmpty();
    assertThat(ShardRows.differences(expectedOrders, orders)).as("order rows = fold of the ledger").isEmpty();
    assertThat(ShardRows.differences(expectedPayments, payments)).as("payment rows = fold of the ledger").isEmpty();
    assertThat(ShardRows.differences(expectedIndex, index)).as("Redis index = function of the fold").isEmpty();
    assertThat(customers).hasSize(expected.customers().size());
    assertThat(orders).hasSize(expected.orders().size());
    assertThat(payments).hasSize(expected.payments().size());
  }

  private static Map<String, String> expectedPayments(ExpectedState expected) {
    Map<String, String> payments = new HashMap<>();
    expected.payments().values().forEach(p -> payments.put(p.paymentId(),
        p.customerId() + " v" + p.sequence() + " " + p.status().name()));
    return payments;
  }

  /**
   * The index as key → value: e-mail and order entries as their value, each status set member as
   * {@code <set key>|<order id>} → its status, so an order in two sets (counted twice) shows up.
   */
  private Map<String, String> expectedIndex(String run, ExpectedState expected) {
    IndexKeys keys = new IndexKeys(run + ":");
    Map<String, String> index = new HashMap<>();
    expected.customers().values().stream().filter(c -> !c.deleted() && c.email() != null)
        .forEach(c -> index.put(keys.email(c.email()), c.customerId()));
    expected.orders().values().forEach(o -> {
      index.put(keys.order(o.orderId()), o.customerId());
      index.put(keys.ordersByStatus(o.status().name()) + "|" + o.orderId(), o.status().name());
    });
    return index;
  }

  /** The index entries of this run's entities (other runs wrote the same prefix from the shared topics). */
  private Map<String, String> readIndex(String run) {
    IndexKeys keys = new IndexKeys(run + ":");
    Map<String, String> index = new HashMap<>();
    RedisClient client = RedisClient.create(RedisURI.create(stack.layout().redisSentinelUri()));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      List<String> entries = new ArrayList<>(scan(redis, keys.emailPattern()));
      entries.addAll(scan(redis, keys.orderPattern()));
      for (String key : entries) {
        String customerId = redis.get(key);
        if (customerId != null && customerId.startsWith(run + "-")) {
          index.put(key, customerId);
        }
      }
      for (OrderStatus status : OrderStatus.values()) {
        for (String member : redis.zrange(keys.ordersByStatus(status.name()), 0, -1)) {
          if (member.startsWith(run + "-")) {
            index.put(keys.ordersByStatus(status.name()) + "|" + member, status.name());
          }
        }
      }
    } finally {
      client.shutdown();
    }
    return index;
  }

  private static List<String> scan(RedisCommands<String, String> redis, String pattern) {
    List<String> found = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1_000));
      found.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return found;
  }

  private static boolean metricsContain(AppProcess app, String... series) {
    try {
      String exposition = app.scrapeMetrics();
      return Arrays.stream(series).allMatch(exposition::contains);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
