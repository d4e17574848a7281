package dev.backbone.topology.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.topology.DeadLetterHeaders;
import dev.backbone.topology.OutputTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the DLQ topic from where it ended when opened, committed records only (the app writes it in
 * transactions): what a test sees is what the app dead-lettered since.
 */
final class DeadLetterReader implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;

  DeadLetterReader(String bootstrapServers) {
    consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(OutputTopic.DLQ.topicName()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolves the end now, not at the first poll
  }

  /** The dead letters written since the last call (or since opening), waiting at most {@code timeout}. */
  List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    consumer.poll(timeout).forEach(letters::add);
    return letters;
  }

  /** {@code topic/partition@offset} of the record a dead letter came from (its {@code dlq.source.*} headers). */
  static String source(ConsumerRecord<byte[], byte[]> letter) {
    return header(letter, DeadLetterHeaders.SOURCE_TOPIC) + "/" + header(letter, DeadLetterHeaders.SOURCE_PARTITION)
        + "@" + header(letter, DeadLetterHeaders.SOURCE_OFFSET);
  }

  static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
    Header header = letter.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
