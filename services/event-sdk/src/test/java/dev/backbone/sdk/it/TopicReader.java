package dev.backbone.sdk.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic back and checks the SDK's delivery invariants. */
final class TopicReader {

  private TopicReader() {
  }

  /**
   * Reads {@code topic} from the beginning until {@code expectedIds} distinct event ids were seen
   * or {@code timeout} passed; returns every record (duplicates included), partition by partition.
   */
  static List<ConsumedEvent> readAll(String bootstrapServers, String topic, int expectedIds, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumedEvent> events = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ids.size() < expectedIds && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String id = new String(record.headers().lastHeader("ce_id").value(), UTF_8);
          long sequence = Long.parseLong(new String(record.headers().lastHeader("ce_sequence").value(), UTF_8));
          events.add(new ConsumedEvent(new String(record.key(), UTF_8), id, sequence, record.partition(), record.offset()));
          ids.add(id);
        }
      }
    }
    return events;
  }

  /** Event ids that occur more than once. */
  static List<String> duplicates(List<ConsumedEvent> events) {
    Set<String> seen = new HashSet<>();
    return events.stream().map(ConsumedEvent::eventId).filter(id -> !seen.add(id)).toList();
  }

  /**
   * Keys whose events, in log order of first occurrence, do not have strictly increasing
   * sequences; with the violating pair of sequences.
   */
  static Map<String, String> orderViolations(List<ConsumedEvent> events) {
    Map<String, Long> last = new LinkedHashMap<>();
    Map<String, String> violations = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumedEvent event : events) {
      if (!seen.add(event.eventId())) {
        continue;
      }
      Long previous = last.put(event.key(), event.sequence());
      if (previous != null && previous >= event.sequence()) {
        violations.putIfAbsent(event.key(), previous + " then " + event.sequence() + " at offset " + event.offset());
      }
    }
    return violations;
  }
}
