package dev.backbone.topology.app;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.SinkBatches;
import dev.backbone.topology.index.IndexSinkLoop;
import dev.backbone.topology.shard.ShardSink;
import dev.backbone.topology.shard.ShardSinkLoop;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's metrics in Prometheus' text format ({@code GET /metrics}): every Kafka Streams metric
 * (process and commit rates, per-partition records lag, the topology's {@code dead-letter-total} by
 * reason), the sink consumers' client metrics (their records lag per partition), and the sinks' own:
 * pending changes, durable batches / changes / write seconds (average batch size and latency are
 * their rates' ratios) per shard and for the index, index stalls, and each shard's circuit state.
 *
 * <p>Kafka creates some metrics only later — a partition's lag after it is assigned, a task's
 * dead-letter count at its first dead letter — and Micrometer binds them when it next looks: every
 * {@link #NEW_METRICS_CHECK}, not its default minute, so they reach {@code /metrics} soon after
 * they exist.
 */
final class AppMetrics implements AutoCloseable {

  /** How often the Kafka binders look for metrics Kafka created since they last looked. */
  static final Duration NEW_METRICS_CHECK = Duration.ofSeconds(10);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Shared by the Kafka binders; ours to shut down, since they were handed it. */
  private final ScheduledExecutorService binderChecks = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "kafka-metrics-binder");
    thread.setDaemon(true);
    return thread;
  });
  private final List<AutoCloseable> binders;

  AppMetrics(KafkaStreams streams, Consumer<?, ?> shardConsumer, Consumer<?, ?> indexConsumer, ShardRouter router,
      ShardSink shardSink, ShardSinkLoop shardLoop, IndexSinkLoop indexLoop) {
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), binderChecks, NEW_METRICS_CHECK);
    KafkaClientMetrics shardConsumerMetrics =
        new KafkaClientMetrics(shardConsumer, Tags.of("sink", "shard"), binderChecks, NEW_METRICS_CHECK);
    KafkaClientMetrics indexConsumerMetrics =
        new KafkaClientMetrics(indexConsumer, Tags.of("sink", "index"), binderChecks, NEW_METRICS_CHECK);
    streamsMetrics.bindTo(registry);
    shardConsumerMetrics.bindTo(registry);
    indexConsumerMetrics.bindTo(registry);
    binders = List.of(streamsMetrics, shardConsumerMetrics, indexConsumerMetrics);

    Gauge.builder("backbone.shard.sink.pending", shardLoop, loop -> loop.status().pending())
        .description("changes polled but not yet durable in their shard").register(registry);
    Gauge.builder("backbone.index.sink.pending", indexLoop, loop -> loop.status().pending())
        .description("changes polled but not yet in the Redis index").register(registry);
    Gauge.builder("backbone.index.sink.stalled", indexLoop, loop -> loop.status().stalled() ? 1 : 0)
        .description("1 while Redis fails and the index sink backs off").register(registry);
    FunctionCounter.builder("backbone.index.sink.failures", indexLoop, loop -> loop.status().failures())
        .description("failed index writes (each retried)").register(registry);
    // One name per sink: Prometheus needs the same label names on every series of a name.
    batches("backbone.index.sink", indexLoop.batches(), Tags.empty());
    for (ShardId shard : router.allShards()) {
      Tags tags = Tags.of("shard", Integer.toString(shard.index()));
      batches("backbone.shard.sink", shardSink.batches(shard), tags);
      Gauge.builder("backbone.shard.circuit.state", shardSink.breaker(shard), AppMetrics::stateCode).tags(tags)
          .description("0 closed, 1 open, 2 half-open (trial writes), 3 other").register(registry);
    }
  }

  private void batches(String sink, SinkBatches batches, Tags tags) {
    FunctionCounter.builder(sink + ".batches", batches, SinkBatches::batches).tags(tags)
        .description("durable batch writes").register(registry);
    FunctionCounter.builder(sink + ".batch.changes", batches, SinkBatches::changes).tags(tags)
        .description("changes in durable batch writes").register(registry);
    FunctionCounter.builder(sink + ".batch.seconds", batches, SinkBatches::seconds).tags(tags)
        .description("time spent in durable batch writes").register(registry);
  }

  private static double stateCode(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    };
  }

  /** The current values, in Prometheus' text exposition format. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // Closing only unregisters meters; nothing to recover.
      }
    }
    binderChecks.shutdownNow();
    registry.close();
  }
}
