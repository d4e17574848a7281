package dev.backbone.topology.internal;

import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an accepted event whose id was seen within the TTL (by record time). The window store's
 * retention is the TTL, so old ids expire segment by segment and the store stays bounded. A dropped
 * event still gets its fold span, with outcome {@code duplicate} ({@link FoldSpans}).
 */
public final class DeduplicateProcessor extends ContextualProcessor<String, Step, String, Step> {

  private final String storeName;
  private final Duration ttl;
  private final FoldSpans spans;
  private WindowStore<String, Long> seen;

  /** Uses the window store {@code storeName} with retention {@code ttl}; spans go to {@code openTelemetry}. */
  public DeduplicateProcessor(String storeName, Duration ttl, OpenTelemetry openTelemetry) {
    this.storeName = storeName;
    this.ttl = ttl;
    this.spans = new FoldSpans(openTelemetry);
  }

  @Override
  public void init(ProcessorContext<String, Step> context) {
    super.init(context);
    seen = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Step> record) {
    if (record.value() instanceof Step.Accepted accepted) {
      String id = accepted.event().id().toString();
      long time = record.timestamp();
      long from = Math.max(0, time - ttl.toMillis());
      long to = saturatedAdd(time, ttl.toMillis());
      // the millisecond overload: the Instant one formats its error message up front on every
      // call (String.format, ~5 % of the stream thread, JFR 2026-12-03) whether or not it fails
      try (WindowStoreIterator<Long> hits = seen.backwardFetch(id, from, to)) {
        if (hits.hasNext()) {
          spans.duplicate(record, accepted);
          return;
        }
      }
      seen.put(id, time, time);
    }
    context().forward(record);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
