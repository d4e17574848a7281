package dev.backbone.sdk.internal;

import dev.backbone.sdk.PublisherConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer configuration. Safety settings are fixed: idempotence is set explicitly
 * because the client silently turns it off when a conflicting setting is present; {@code acks=all}
 * with the topics' {@code min.insync.replicas=2} means an acked event is on two brokers; one request
 * in flight per broker keeps per-partition order. Idempotence alone allows 5, but a broker with no
 * state for the producer (a partition whose leader just restarted or moved) accepts a later batch
 * while an earlier one was refused with NOT_LEADER_OR_FOLLOWER; the earlier one then fails, is
 * journaled and re-published behind it (KAFKA-15591, fixed after Kafka 4.1; KafkaOutageIT saw a key's
 * events 2-then-1 after all brokers restarted).
 */
public final class ProducerSettings {

  private ProducerSettings() {
  }

  /** Producer properties for {@code config}. */
  public static Map<String, Object> of(PublisherConfig config) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
    settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSizeBytes());
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression().kafkaName());
    settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRequestSizeBytes());
    settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    settings.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1000);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return Map.copyOf(settings);
  }
}
