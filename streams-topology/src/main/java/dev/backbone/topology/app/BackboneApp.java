package dev.backbone.topology.app;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.BackboneTopology;
import dev.backbone.topology.index.IndexSinkLoop;
import dev.backbone.topology.index.IndexUpdates;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardSink;
import dev.backbone.topology.shard.ShardSinkLoop;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable backbone: the Kafka Streams topology ({@code exactly_once_v2}), the shard sink loop
 * and the index sink loop, each consuming the change topics in its own consumer group, plus an
 * optional health endpoint. {@link #close()} drains: Streams commits, each loop finishes its step
 * (write, then commit), then the spans are flushed. A failure of any part ends {@link #awaitTermination()}.
 *
 * <p>Traces (fold and sink spans) are exported only when the standard OpenTelemetry settings ask for
 * it ({@link TraceExport}); otherwise every span is a no-op.
 *
 * <p>{@code main} reads {@link AppConfig} from system properties, the environment and an optional
 * properties file (the first argument, or {@code backbone.config-file}).
 */
public final class BackboneApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackboneApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final ShardSink shardSink;
  private final ShardSinkLoop shardLoop;
  private final LoopRunner shardRunner;
  private final IndexSinkLoop indexLoop;
  private final LoopRunner indexRunner;
  private final RedisIndexWriter redis;
  private final HealthServer health;
  private final AppMetrics metrics;
  private final ShardRouter router;
  private final TraceExport traceExport;
  private final OpenTelemetry openTelemetry;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private boolean closed;

  private BackboneApp(AppConfig config, TraceExport traceExport) throws IOException {
    this.traceExport = traceExport;
    openTelemetry = traceExport.start();
    StreamsBuilder builder = new StreamsBuilder();
    BackboneTopology.build(builder, config.topology(), openTelemetry);
    streams = new KafkaStreams(builder.build(), config.streamsProperties());
    StreamThreadRecovery recovery = new StreamThreadRecovery(StreamThreadRecovery.DEFAULT_BUDGET,
        StreamThreadRecovery.DEFAULT_WINDOW, Clock.systemUTC());
    streams.setUncaughtExceptionHandler(e -> {
      StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response = recovery.decide(e);
      if (response == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
        LOG.warn("backbone-app: a Streams thread died of a Kafka error; replacing it (it resumes from the last "
            + "committed transaction)", e);
      } else {
        fail("streams", e);
      }
      return response;
    });

    router = new ShardRouter(config.shardJdbcUrls().size());
    Map<ShardId, JdbcShardWriter> writers = new HashMap<>();
    for (ShardId shard : router.allShards()) {
      writers.put(shard, new JdbcShardWriter(JdbcShardWriter.dataSource(config.shardJdbcUrls().get(shard.index()),
          config.shardUser(), config.shardPassword())));
    }
    shardSink = new ShardSink(router, writers, CircuitBreakerConfig.custom().slidingWindowSize(10)
        .minimumNumberOfCalls(3).failureRateThreshold(50).permittedNumberOfCallsInHalfOpenState(1)
        .waitDurationInOpenState(config.breakerWait()).build());
    KafkaConsumer<String, byte[]> shardConsumer = consumer(config, config.shardSinkGroup());
    shardLoop = new ShardSinkLoop(shardConsumer, shardSink, config.shardSink(), openTelemetry);
    shardRunner = new LoopRunner("shard-sink", shardLoop::subscribe, shardLoop::pollOnce, () -> {
      shardConsumer.close();
      shardSink.close();
      writers.values().forEach(JdbcShardWriter::close);
    }, e -> fail("shard-sink", e));

    redis = new RedisIndexWriter(config.redisSentinelUri(), config.redisCredentials(), config.indexSink().writeTimeout(),
        config.indexSink().minReplicas());
    KafkaConsumer<String, byte[]> indexConsumer = consumer(config, config.indexSinkGroup());
    indexLoop = new IndexSinkLoop(indexConsumer, redis, new IndexUpdates(config.indexKeys()), config.indexSink(),
        Clock.systemUTC(), openTelemetry);
    indexRunner = new LoopRunner("index-sink", indexLoop::subscribe, indexLoop::pollOnce, () -> {
      indexConsumer.close();
      redis.close();
    }, e -> fail("index-sink", e));

    metrics = new AppMetrics(streams, shardConsumer, indexConsumer, router, shardSink, shardLoop, indexLoop);
    health = config.healthPort() < 0 ? null : new HealthServer(config.healthPort(), this::health, metrics::scrape);
  }

  /**
   * Starts Streams, both sink loops and the health endpoint; exports traces when the process's
   * {@code OTEL_*} variables or {@code otel.*} properties ask for it ({@link TraceExport}).
   *
   * @throws IOException when the health port cannot be bound
   */
  public static BackboneApp start(AppConfig config) throws IOException {
    BackboneApp app = new BackboneApp(config, TraceExport.of(System.getenv(), System.getProperties()));
    app.streams.start();
    app.shardRunner.start();
    app.indexRunner.start();
    LOG.info("backbone-app: started with {}{}", config,
        app.health == null ? "" : ", health on port " + app.health.port());
    LOG.info("backbone-app: {}", app.traceExport.describe());
    return app;
  }

  /** The health endpoint's port, if it runs. */
  public Optional<Integer> healthPort() {
    return Optional.ofNullable(health).map(HealthServer::port);
  }

  /** Blocks until {@link #close()} ran or a part failed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** What stopped the application, if it failed. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  Health health() {
    Map<Integer, String> circuits = new TreeMap<>();
    for (ShardId shard : router.allShards()) {
      circuits.put(shard.index(), shardSink.breaker(shard).getState().name());
    }
    return new Health(streams.state().name(), shardRunner.alive(), shardLoop.status(), circuits, indexRunner.alive(),
        indexLoop.status());
  }

  private void fail(String part, Throwable e) {
    LOG.error("backbone-app: {} failed, stopping", part, e);
    failure.compareAndSet(null, e);
    terminated.countDown();
  }

  /** Stops everything, letting each part finish and commit what it was doing. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("backbone-app: closing");
    // Leave the group on the way out: without it the others wait a whole session timeout before taking
    // over this instance's tasks (a Deployment's replacement pod joins under a new member id anyway).
    streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    shardRunner.close(CLOSE_TIMEOUT);
    indexRunner.close(CLOSE_TIMEOUT);
    if (health != null) {
      health.close();
    }
    metrics.close();
    if (openTelemetry instanceof Closeable sdk) {
      closeQuietly(sdk);
    }
    terminated.countDown();
    LOG.info("backbone-app: closed");
  }

  /** Flushes the spans still queued (the SDK waits up to 10 s for its exporter); a failed export loses spans only. */
  private static void closeQuietly(Closeable sdk) {
    try {
      sdk.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("backbone-app: flushing the last spans failed: {}", e.toString());
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(AppConfig config, String group) {
    return new KafkaConsumer<>(config.sinkConsumerProperties(group), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Runs the application until the JVM is asked to stop (SIGTERM) or a part fails.
   *
   * @param args optional: the path of a {@code .properties} file with {@code backbone.*} keys
   */
  public static void main(String[] args) throws Exception {
    Optional<Path> file = args.length > 0 ? Optional.of(Path.of(args[0]))
        : Optional.ofNullable(System.getProperty("backbone.config-file", System.getenv("BACKBONE_CONFIG_FILE")))
            .map(Path::of);
    AppConfig config = AppConfig.from(ConfigSource.of(System.getProperties(), System.getenv(), file));
    BackboneApp app = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "backbone-app-shutdown"));
    app.awaitTermination();
    app.close();
    Optional<Throwable> failure = app.failure();
    if (failure.isPresent()) {
      throw new IllegalStateException("backbone-app stopped after a failure", failure.get());
    }
  }
}
