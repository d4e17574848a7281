package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.topology.shard.ShardRows;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation derives the expected shard row from the fold's state stores (their changelog
 * topics) instead of the change topics: the row a store value implies must be the row the sink
 * writes from the change the fold emitted with it, after every kind of event, deletion included.
 */
class StoredStateRowsTest {

  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldImplyTheRowTheSinkWritesAfterEveryCustomerEventDeletionIncluded() {
    List<Runnable> events = List.of(
        () -> fixture.send(fixture.registered("c-1", 1, "ada@example.com")),
        () -> fixture.send(fixture.emailChanged("c-1", 2, "ada@example.com", "ada@new-example.com")),
        () -> fixture.send(fixture.deleted("c-1", 3)),
        () -> fixture.send(fixture.registered("c-1", 4, "ada@again.example.com")));
    for (Runnable event : events) {
      event.run();
      EntityChange<CustomerState> last = fixture.customerChanges.readValue();
      CustomerState stored = customerStore().get("c-1");
      assertThat(ShardRows.customerOfState(stored)).isEqualTo(ShardRows.customer(last));
    }
  }

  @Test
  void shouldKeepADeletedCustomerInTheStoreMarkedDeletedAtTheDeletionsVersion() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.deleted("c-1", 2));

    CustomerState stored = customerStore().get("c-1");
    assertThat(stored.deleted()).isTrue();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.email()).isEqualTo("ada@example.com");
  }

  @Test
  void shouldImplyTheRowTheSinkWritesForAnOrderKeyedByCustomerAndOrder() {
    fixture.send(fixture.orderPlaced("c-1", "o-1"));
    fixture.send(fixture.orderPaid("c-1", "o-1", 2));

    EntityChange<OrderState> last = fixture.orderChanges.readValuesToList().get(1);
    OrderState stored = orderStore().get("c-1\u0000o-1");
    assertThat(ShardRows.orderOfState(stored)).isEqualTo(ShardRows.order(last));
  }

  @Test
  void shouldImplyTheRowTheSinkWritesForAPaymentInTheNamedChangelogKeyedByCustomerAndPayment() {
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));
    fixture.send(fixture.paymentRefunded("c-1", "p-1", "o-1", 2));

    List<EntityChange<PaymentState>> changes = fixture.paymentChanges.readValuesToList();
    String paymentChangelog = BackboneTopology.stateChangelogTopic("topology-test", "payment");
    var stored = fixture.driver.createOutputTopic(paymentChangelog, new StringDeserializer(),
        ChangeSerdes.paymentStates().deserializer()).readKeyValuesToList();
    assertThat(stored).extracting(kv -> kv.key).containsExactly("c-1\u0000p-1", "c-1\u0000p-1");
    assertThat(stored).extracting(kv -> ShardRows.paymentOfState(kv.value))
        .containsExactly(ShardRows.payment(changes.get(0)), ShardRows.payment(changes.get(1)));
  }

  @Test
  void shouldWriteEachStoredStateToTheNamedChangelogInTheStateSerdesFormat() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.deleted("c-1", 2));
    fixture.send(fixture.orderPlaced("c-1", "o-1"));
    List<EntityChange<CustomerState>> changes = fixture.customerChanges.readValuesToList();
    EntityChange<OrderState> placed = fixture.orderChanges.readValue();

    String customerChangelog = BackboneTopology.stateChangelogTopic("topology-test", "customer");
    String orderChangelog = BackboneTopology.stateChangelogTopic("topology-test", "order");
    assertThat(fixture.driver.producedTopicNames()).contains(customerChangelog, orderChangelog);
    var customers = fixture.driver.createOutputTopic(customerChangelog, new StringDeserializer(),
        ChangeSerdes.customerStates().deserializer()).readKeyValuesToList();
    assertThat(customers).extracting(kv -> kv.key).containsExactly("c-1", "c-1");
    assertThat(customers).extracting(kv -> ShardRows.customerOfState(kv.value))
        .containsExactly(ShardRows.customer(changes.get(0)), ShardRows.customer(changes.get(1)));
    var orders = fixture.driver.createOutputTopic(orderChangelog, new StringDeserializer(),
        ChangeSerdes.orderStates().deserializer()).readKeyValuesToList();
    assertThat(orders).extracting(kv -> kv.key).containsExactly("c-1\u0000o-1");
    assertThat(ShardRows.orderOfState(orders.get(0).value)).isEqualTo(ShardRows.order(placed));
    assertThat(BackboneTopology.stateChangelogTopic(StreamsSettings.DEFAULT_APPLICATION_ID, "customer"))
        .isEqualTo("backbone-topology-customer-state-changelog");
  }

  private KeyValueStore<String, CustomerState> customerStore() {
    return fixture.driver.getKeyValueStore(BackboneTopology.stateStoreName("customer"));
  }

  private KeyValueStore<String, OrderState> orderStore() {
    return fixture.driver.getKeyValueStore(BackboneTopology.stateStoreName("order"));
  }
}
