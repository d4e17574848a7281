package dev.backbone.topology.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.topology.DeadLetterHeaders;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a rejected record back into its original key and value bytes, appends the
 * {@link DeadLetterHeaders}, and counts it in the metric {@value #METRIC} (group
 * {@value #METRIC_GROUP}, tags {@code task-id} and {@code reason}).
 */
public final class DeadLetterProcessor extends ContextualProcessor<String, Step, byte[], byte[]> {

  /** Metric name of the dead-letter count. */
  public static final String METRIC = "dead-letter-total";
  /** Metric group of the dead-letter count. */
  public static final String METRIC_GROUP = "backbone-topology";

  private final Map<String, Sensor> sensors = new HashMap<>();

  @Override
  public void process(Record<String, Step> record) {
    DeadLetter letter = ((Step.Rejected) record.value()).letter();
    RawRecord raw = letter.raw();
    Headers added = new RecordHeaders();
    added.add(DeadLetterHeaders.REASON, letter.reason().getBytes(UTF_8));
    added.add(DeadLetterHeaders.DETAIL, DeadLetterFit.detail(letter.detail()).getBytes(UTF_8));
    added.add(DeadLetterHeaders.SOURCE_TOPIC, raw.topic().getBytes(UTF_8));
    added.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(raw.partition()).getBytes(UTF_8));
    added.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(raw.offset()).getBytes(UTF_8));
    DeadLetterFit.Letter fitted = DeadLetterFit.fit(raw.key(), raw.value(), record.headers(), added);
    sensor(letter.reason()).record();
    context().forward(new Record<>(fitted.key(), fitted.value(), record.timestamp(), fitted.headers()));
  }

  @Override
  public void close() {
    sensors.values().forEach(sensor -> context().metrics().removeSensor(sensor));
    sensors.clear();
  }

  private Sensor sensor(String reason) {
    return sensors.computeIfAbsent(reason, r -> {
      String task = context().taskId().toString();
      Sensor sensor = context().metrics().addSensor(
          "backbone-dead-letters-" + task + "-" + r, Sensor.RecordingLevel.INFO);
      sensor.add(new MetricName(METRIC, METRIC_GROUP, "Records sent to the DLQ",
          Map.of("task-id", task, "reason", r)), new CumulativeCount());
      return sensor;
    });
  }
}
