package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.etl.recon.LogDerivedState.LatestState;
import dev.backbone.etl.recon.LogDerivedState.StoredRow;
import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.shard.ShardBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * How the fold's state is read from the state changelogs, over Kafka's {@link MockConsumer}: the last
 * record of a key is its state, a pass keeps only its scope and slice, a repair fetches the stored
 * row, and a changelog that is not there is an error naming {@code --application-id}.
 */
class LogDerivedStateTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final ChangeLogSettings SETTINGS = ChangeLogSettings.of("unused:9092").withApplicationId("app-1");
    private static final TopicPartition CUSTOMERS = new TopicPartition("app-1-customer-state-changelog", 0);
    private static final TopicPartition ORDERS = new TopicPartition("app-1-order-state-changelog", 0);
    private static final TopicPartition PAYMENTS = new TopicPartition("app-1-payment-state-changelog", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private final Map<TopicPartition, Long> ends = new HashMap<>(Map.of(CUSTOMERS, 0L, ORDERS, 0L, PAYMENTS, 0L));

    @Test
    void shouldTakeTheLastRecordOfAKeyAsItsStoredStateDeletionIncluded() {
        customer(customer("t-a", 1, false));
        customer(customer("t-a", 2, false));
        customer(customer("t-a", 3, true));
        order(order("t-a", "o-1", 4));

        Map<String, LatestState> latest = open().read(SegmentRange.pass(0, 1), id -> true);

        assertThat(latest).containsOnlyKeys("customer:t-a", "order:t-a|o-1");
        assertThat(latest.get("customer:t-a").row()).isEqualTo(new RowVersion(3, true));
        assertThat(latest.get("customer:t-a").offset()).isEqualTo(2);
        assertThat(latest.get("order:t-a|o-1").ref()).isEqualTo(EntityRef.order("t-a", "o-1"));
        assertThat(latest.get("order:t-a|o-1").row()).isEqualTo(new RowVersion(4, false));
    }

    @Test
    void shouldReadAPaymentsStoredStateAsItsRowKeyedByCustomerAndPayment() {
        payment(new PaymentState("t-a", "p-1", "o-1", "CAPTURED", 2_500, "EUR", 1, AT));
        PaymentState refunded = new PaymentState("t-a", "p-1", "o-1", "REFUNDED", 2_500, "EUR", 2, AT.plusSeconds(2));
        payment(refunded);
        LogDerivedState state = open();

        Map<String, LatestState> latest = state.read(SegmentRange.pass(0, 1), id -> true);

        assertThat(latest).containsOnlyKeys("payment:t-a|p-1");
        assertThat(latest.get("payment:t-a|p-1").ref()).isEqualTo(EntityRef.payment("t-a", "p-1"));
        assertThat(latest.get("payment:t-a|p-1").row()).isEqualTo(new RowVersion(2, false));
        feed();
        ShardBatch batch = new ShardBatch();
        state.fetch(latest.values()).get("payment:t-a|p-1").addTo().accept(batch);
        assertThat(batch.payments()).containsExactly(refunded);
    }

    @Test
    void shouldKeepOnlyTheScopeAndTheSliceOfAPass() {
        for (int i = 0; i < 40; i++) {
            customer(customer("t-" + i, 1, false));
        }
        customer(customer("other-1", 1, false));
        LogDerivedState state = open();

        Map<String, LatestState> first = state.read(SegmentRange.pass(0, 2), id -> id.startsWith("t-"));
        feed();
        Map<String, LatestState> second = state.read(SegmentRange.pass(1, 2), id -> id.startsWith("t-"));

        assertThat(first.keySet()).allMatch(key -> SegmentRange.pass(0, 2).contains(EntryDigest.segment(key)));
        assertThat(second.keySet()).allMatch(key -> SegmentRange.pass(1, 2).contains(EntryDigest.segment(key)));
        assertThat(first.size() + second.size()).isEqualTo(40);
        assertThat(first).doesNotContainKey("customer:other-1");
        assertThat(second).doesNotContainKey("customer:other-1");
    }

    @Test
    void shouldFetchTheStoredRowForARepairAndANewerOneWhenTheFirstWasCompactedAway() {
        customer(customer("t-a", 1, false));
        customer(customer("t-b", 1, false));
        customer(customer("t-a", 2, false));
        LogDerivedState state = open();
        LatestState compactedAway = new LatestState(EntityRef.customer("t-a"), new RowVersion(1, false), CUSTOMERS, 0);
        records.remove(0);
        feed();

        Map<String, StoredRow> fetched = state.fetch(List.of(compactedAway));

        assertThat(fetched).containsOnlyKeys("customer:t-a");
        assertThat(fetched.get("customer:t-a").row()).isEqualTo(new RowVersion(2, false));
        ShardBatch batch = new ShardBatch();
        fetched.get("customer:t-a").addTo().accept(batch);
        assertThat(batch.customers()).containsExactly(customer("t-a", 2, false));
    }

    @Test
    void shouldBringTheCandidatesUpToTheChangelogsCurrentEnd() {
        customer(customer("t-a", 1, false));
        LogDerivedState state = open();
        Map<String, LatestState> latest = state.read(SegmentRange.pass(0, 1), id -> true);
        customer(customer("t-a", 2, false));

        state.refresh(latest, Set.of("customer:t-a"));

        assertThat(latest.get("customer:t-a").row()).isEqualTo(new RowVersion(2, false));
    }

    @Test
    void shouldRefuseATombstoneTheFoldNeverWrites() {
        records.add(new ConsumerRecord<>(CUSTOMERS.topic(), 0, 0, "t-a", null));
        ends.put(CUSTOMERS, 1L);

        assertThatThrownBy(() -> open().read(SegmentRange.pass(0, 1), id -> true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tombstone at app-1-customer-state-changelog-0@0");
    }

    @Test
    void shouldNameTheApplicationIdWhenItsChangelogDoesNotExist() {
        consumer.updatePartitions(CUSTOMERS.topic(), List.of(new PartitionInfo(CUSTOMERS.topic(), 0, Node.noNode(), null, null)));

        assertThatThrownBy(() -> new LogDerivedState(consumer, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app-1-order-state-changelog does not exist").hasMessageContaining("--application-id");
    }

    private LogDerivedState open() {
        for (TopicPartition tp : List.of(CUSTOMERS, ORDERS, PAYMENTS)) {
            consumer.updatePartitions(tp.topic(), List.of(new PartitionInfo(tp.topic(), 0, Node.noNode(), null, null)));
        }
        consumer.updateBeginningOffsets(Map.of(CUSTOMERS, 0L, ORDERS, 0L, PAYMENTS, 0L));
        consumer.updateEndOffsets(ends);
        LogDerivedState state = new LogDerivedState(consumer, SETTINGS);
        feed();
        return state;
    }

    /** Hands the changelogs' records to the next poll (the mock forgets them once polled). */
    private void feed() {
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    private void customer(CustomerState state) {
        append(CUSTOMERS, state.customerId(), ChangeSerdes.customerStates().serializer().serialize(CUSTOMERS.topic(), state));
    }

    private void order(OrderState state) {
        append(ORDERS, state.customerId() + '\u0000' + state.orderId(),
                ChangeSerdes.orderStates().serializer().serialize(ORDERS.topic(), state));
    }

    private void payment(PaymentState state) {
        append(PAYMENTS, state.customerId() + '\u0000' + state.paymentId(),
                ChangeSerdes.paymentStates().serializer().serialize(PAYMENTS.topic(), state));
    }

    /** Appends a stored state to its changelog's end. */
    private void append(TopicPartition changelog, String key, byte[] value) {
        long offset = ends.get(changelog);
        records.add(new ConsumerRecord<>(changelog.topic(), 0, offset, key, value));
        ends.put(changelog, offset + 1);
        consumer.updateEndOffsets(ends);
        feed();
    }

    private static CustomerState customer(String id, long version, boolean deleted) {
        return new CustomerState(id, id + "@example.test", "Test Customer", deleted, version, AT, AT.plusSeconds(version));
    }

    private static OrderState order(String customerId, String orderId, long version) {
        return new OrderState(customerId, orderId, "PLACED", 1_000, "EUR", version, AT, AT.plusSeconds(version));
    }
}
