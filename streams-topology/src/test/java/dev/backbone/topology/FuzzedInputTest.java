package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.topology.fuzz.FuzzPlan;
import dev.backbone.topology.fuzz.FuzzRecord;
import dev.backbone.topology.internal.DeadLetterProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fuzz plan {@code FuzzedInputIT} sends through the running app, here through the topology in
 * memory: every malformed record is dead-lettered once with its reason, position and bytes, and the
 * valid events between them fold to the plan's rows.
 */
class FuzzedInputTest {

  private static final int MAX_RECORD_BYTES = 8_192;
  private static final long SEED = 4L;
  /** Ten rounds of every mutation (the 1 000 are FuzzedInputIT's, through the running app). */
  private static final int CUSTOMERS = 30;
  private static final int MALFORMED = 300;

  private final TopologyFixture fixture =
      new TopologyFixture(TopologyConfig.defaults().withMaxRecordBytes(MAX_RECORD_BYTES));

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldDeadLetterEachMalformedRecordOnceAndFoldTheValidEventsBetweenThem() {
    FuzzPlan plan = FuzzPlan.generate("run", SEED, CUSTOMERS, MALFORMED, MAX_RECORD_BYTES, TopologyFixture.T0);
    Map<String, FuzzRecord> sent = new HashMap<>();
    Map<String, Long> offsets = new HashMap<>();
    for (FuzzRecord record : plan.records()) {
      long offset = offsets.merge(record.topic(), 1L, Long::sum) - 1;
      sent.put(record.topic() + "@" + offset, record);
      fixture.sendRaw(record.topic(), record.key(), record.headers(), record.value(), sent.size());
    }

    List<TestRecord<byte[], byte[]>> letters = fixture.dlq.readRecordsToList();
    assertThat(letters).as("seed %d", SEED).hasSize(MALFORMED);
    Map<String, Long> byReason = new TreeMap<>();
    for (TestRecord<byte[], byte[]> letter : letters) {
      String position =
          text(letter, DeadLetterHeaders.SOURCE_TOPIC) + "@" + text(letter, DeadLetterHeaders.SOURCE_OFFSET);
      FuzzRecord original = sent.remove(position);
      assertThat(original).as("the record at %s, dead-lettered once (seed %d)", position, SEED).isNotNull();
      assertThat(text(letter, DeadLetterHeaders.REASON)).as("%s (seed %d)", original, SEED).isIn(original.reasons());
      assertThat(letter.value()).as("%s", original).isEqualTo(original.value());
      assertThat(letter.key()).as("%s", original).isEqualTo(original.key());
      byReason.merge(text(letter, DeadLetterHeaders.REASON), 1L, Long::sum);
    }
    assertThat(sent.values()).as("left after the dead letters: the valid events").noneMatch(FuzzRecord::malformed);

    Map<String, String> customers = new HashMap<>();
    fixture.customerChanges.readValuesToList()
        .forEach(c -> customers.put(c.after().customerId(), "v" + c.version() + " " + c.after().email()));
    Map<String, String> orders = new HashMap<>();
    fixture.orderChanges.readValuesToList().forEach(c -> orders.put(c.after().orderId(),
        c.after().customerId() + " v" + c.version() + " " + c.after().status()));
    assertThat(customers).isEqualTo(plan.customers());
    assertThat(orders).isEqualTo(plan.orders());
    assertThat(deadLetterCounts()).isEqualTo(byReason);
  }

  private Map<String, Long> deadLetterCounts() {
    return fixture.driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(DeadLetterProcessor.METRIC))
        .collect(Collectors.groupingBy(e -> reason(e.getKey()), TreeMap::new,
            Collectors.summingLong(e -> ((Double) ((Metric) e.getValue()).metricValue()).longValue())));
  }

  private static String reason(MetricName name) {
    return name.tags().get("reason");
  }
}
