package dev.backbone.etl.recon;

import dev.backbone.testkit.TestStack;
import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The fold's state stores of a Streams app with a test's own application id, as their changelog
 * topics hold them: compacted topics named as Kafka Streams names them, records keyed as the stores
 * key them (customer id; customer id, NUL, order id), values in the stores' serde
 * ({@link ChangeSerdes#customerStates()}), each write a transaction like the app's
 * {@code exactly_once_v2} task commits, in the partition of the customer (a task's changelog partition
 * is its input partition, keyed by customer id). {@code StoredStateRowsTest} (streams-topology) pins
 * this format to the real topology's.
 */
final class StoredStates implements AutoCloseable {

    private static final int PARTITIONS = 3;

    private final ChangeLogSettings log;
    private final KafkaProducer<String, byte[]> producer;

    private StoredStates(ChangeLogSettings log, KafkaProducer<String, byte[]> producer) {
        this.log = log;
        this.producer = producer;
    }

    /** Creates every entity family's changelog topic for a new application id and a transactional writer. */
    static StoredStates create(TestStack stack, String applicationId) throws Exception {
        ChangeLogSettings log = ChangeLogSettings.of(stack.kafka().bootstrapServers()).withApplicationId(applicationId);
        try (Admin admin = stack.kafka().admin()) {
            admin.createTopics(List.of(EntityFamily.values()).stream().map(family -> new NewTopic(log.changelogTopic(family), PARTITIONS,
                    (short) 3).configs(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"))).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-test-writer");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return new StoredStates(log, producer);
    }

    /** Stores the customers' states in one committed transaction (later ones of a customer win, as in the store). */
    void customers(CustomerState... states) {
        write(true, states);
    }

    /** Stores the orders' states in one committed transaction. */
    void orders(OrderState... states) {
        write(true, states);
    }

    /** Stores the payments' states in one committed transaction. */
    void payments(PaymentState... states) {
        write(true, states);
    }

    /** Writes the states in a transaction that is aborted: a read_committed reader must never see them. */
    void aborted(CustomerState... states) {
        write(false, states);
    }

    private void write(boolean commit, Object... states) {
        producer.beginTransaction();
        for (Object state : states) {
            String topic;
            String customerId;
            String key;
            byte[] value;
            if (state instanceof CustomerState customer) {
                topic = log.changelogTopic(EntityFamily.CUSTOMER);
                customerId = customer.customerId();
                key = customerId;
                value = ChangeSerdes.customerStates().serializer().serialize(topic, customer);
            } else if (state instanceof PaymentState payment) {
                topic = log.changelogTopic(EntityFamily.PAYMENT);
                customerId = payment.customerId();
                key = customerId + '\u0000' + payment.paymentId();
                value = ChangeSerdes.paymentStates().serializer().serialize(topic, payment);
            } else {
                OrderState order = (OrderState) state;
                topic = log.changelogTopic(EntityFamily.ORDER);
                customerId = order.customerId();
                key = customerId + '\u0000' + order.orderId();
                value = ChangeSerdes.orderStates().serializer().serialize(topic, order);
            }
            int partition = Utils.toPositive(Utils.murmur2(customerId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            producer.send(new ProducerRecord<>(topic, partition, key, value));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** How the log check reads these changelogs, with {@code passes}. */
    ChangeLogSettings logSettings(int passes) {
        return new ChangeLogSettings(log.bootstrapServers(), log.security(), log.applicationId(), passes, Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        producer.close();
    }
}
