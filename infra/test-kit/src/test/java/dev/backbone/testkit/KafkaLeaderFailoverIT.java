package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class KafkaLeaderFailoverIT {

    private final TestStack stack;

    KafkaLeaderFailoverIT(TestStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void shouldKeepAcknowledgedRecordsWhenThePartitionLeaderIsKilled() throws Exception {
        // given a record acknowledged by acks=all on an RF=3, min.insync=2 topic
        String topic = stack.createTopic("leader-kill", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before-kill")).get(30, TimeUnit.SECONDS);
            int leader = stack.kafka().leaderOf(topic, 0).orElseThrow();

            // when its partition leader is killed with SIGKILL
            stack.kafka().kill(leader);

            // then a new leader is elected among the survivors, the cluster keeps accepting acks=all writes ...
            assertThat(awaitLeaderOtherThan(topic, leader)).isPresent();
            producer.send(new ProducerRecord<>(topic, "k", "after-kill")).get(60, TimeUnit.SECONDS);
        }

        // ... and both records are there, once each, in order
        assertThat(readAll(topic, 2)).containsExactly("before-kill", "after-kill");
    }

    private OptionalInt awaitLeaderOtherThan(String topic, int oldLeader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            OptionalInt leader = stack.kafka().leaderOf(topic, 0);
            if (leader.isPresent() && leader.getAsInt() != oldLeader) {
                return leader;
            }
            Thread.sleep(250);
        }
        return OptionalInt.empty();
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private List<String> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // one more poll: anything beyond `expected` would be a duplicate
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition));
            assertThat(end.get(partition)).isEqualTo(expected);
        }
        return values;
    }
}
