package dev.backbone.query.metrics;

import dev.backbone.query.QueryPath;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.lookup.QueryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Micrometer meters of the query service: {@code backbone.query.fallbacks{reason}},
 * {@code backbone.query.index.stale{kind}}, {@code backbone.query.repair{outcome=removed|changed}},
 * {@code backbone.query.latency{endpoint,path,outcome}}, and
 * gauges {@code backbone.query.repair.queue.size} / {@code backbone.query.repair.queue.dropped}.
 */
public final class MicrometerQueryMetrics implements QueryMetrics {

  private final MeterRegistry registry;

  public MicrometerQueryMetrics(MeterRegistry registry, RepairQueue repairs) {
    this.registry = registry;
    registry.gauge("backbone.query.repair.queue.size", repairs, RepairQueue::size);
    registry.gauge("backbone.query.repair.queue.dropped", repairs, q -> (double) q.dropped());
  }

  @Override
  public void fallback(String reason) {
    Counter.builder("backbone.query.fallbacks").description("look-ups answered by scatter-gather instead of the index")
        .tag("reason", reason).register(registry).increment();
  }

  @Override
  public void staleIndexEntry(String kind) {
    Counter.builder("backbone.query.index.stale").description("index hits contradicted by the shard row")
        .tag("kind", kind).register(registry).increment();
  }

  @Override
  public void indexRepair(boolean applied) {
    Counter.builder("backbone.query.repair").description("stale index entries the repair worker removed, or found changed")
        .tag("outcome", applied ? "removed" : "changed").register(registry).increment();
  }

  /** Records one request's latency; {@code path} may be null when the request failed before answering. */
  public void latency(String endpoint, QueryPath path, String outcome, Duration elapsed) {
    Timer.builder("backbone.query.latency").description("look-up latency by endpoint and answering path")
        .tag("endpoint", endpoint).tag("path", path == null ? "none" : path.headerValue()).tag("outcome", outcome)
        .publishPercentileHistogram().register(registry).record(elapsed);
  }
}
