package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntityFoldTest {

  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldEmitTheNewCustomerWithItsSequenceAsVersion() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));

    KeyValue<String, EntityChange<CustomerState>> change = fixture.customerChanges.readKeyValue();
    assertThat(change.key).isEqualTo("c-1");
    assertThat(change.value.before()).isNull();
    assertThat(change.value.after().email()).isEqualTo("ada@example.com");
    assertThat(change.value.after().version()).isEqualTo(1);
    assertThat(change.value.after().status()).isEqualTo("ACTIVE");
  }

  @Test
  void shouldEmitOldAndNewEmailSoTheIndexCanMoveTheEntry() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.emailChanged("c-1", 2, "ada@example.com", "ada@new-example.com"));

    EntityChange<CustomerState> change = fixture.customerChanges.readValuesToList().get(1);
    assertThat(change.before().email()).isEqualTo("ada@example.com");
    assertThat(change.after().email()).isEqualTo("ada@new-example.com");
    assertThat(change.after().version()).isEqualTo(2);
    assertThat(change.after().fullName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void shouldEmitATombstoneWithTheLastStateWhenACustomerIsDeleted() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.deleted("c-1", 2));

    EntityChange<CustomerState> change = fixture.customerChanges.readValuesToList().get(1);
    assertThat(change.isTombstone()).isTrue();
    assertThat(change.version()).isEqualTo(2);
    assertThat(change.before().email()).isEqualTo("ada@example.com");
  }

  @Test
  void shouldNotLetAnOlderEventResurrectADeletedCustomer() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.deleted("c-1", 3));
    fixture.send(fixture.emailChanged("c-1", 2, "ada@example.com", "ada@new-example.com"));

    assertThat(fixture.customerChanges.readValuesToList()).hasSize(2);
    assertThat(fixture.dlq.readRecordsToList()).hasSize(1);
    assertThat(customerStore().get("c-1").deleted()).isTrue();
    assertThat(customerStore().get("c-1").version()).isEqualTo(3);
  }

  @Test
  void shouldNeverMoveStateBackwards() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.emailChanged("c-1", 3, "ada@example.com", "ada@three-example.com"));
    fixture.send(fixture.emailChanged("c-1", 2, "ada@example.com", "ada@two-example.com"));
    fixture.send(fixture.emailChanged("c-1", 3, "ada@example.com", "ada@other-three-example.com"));

    CustomerState stored = customerStore().get("c-1");
    assertThat(stored.version()).isEqualTo(3);
    assertThat(stored.email()).isEqualTo("ada@three-example.com");
    assertThat(fixture.dlq.readRecordsToList()).hasSize(2);
  }

  @Test
  void shouldFoldOrdersPerOrderWithinTheCustomer() {
    fixture.send(fixture.orderPlaced("c-1", "o-1"));
    fixture.send(fixture.orderPlaced("c-1", "o-2"));
    fixture.send(fixture.orderPaid("c-1", "o-1", 2));

    var changes = fixture.orderChanges.readKeyValuesToList();
    assertThat(changes).hasSize(3);
    assertThat(changes.get(2).key).isEqualTo("c-1");
    EntityChange<OrderState> paid = changes.get(2).value;
    assertThat(paid.before().status()).isEqualTo("PLACED");
    assertThat(paid.after().status()).isEqualTo("PAID");
    assertThat(paid.after().orderId()).isEqualTo("o-1");
    assertThat(paid.after().version()).isEqualTo(2);
    assertThat(paid.after().totalMinor()).isEqualTo(2500);
    assertThat(changes.get(1).value.after().orderId()).isEqualTo("o-2");
  }

  private KeyValueStore<String, CustomerState> customerStore() {
    return fixture.driver.getKeyValueStore(BackboneTopology.stateStoreName("customer"));
  }
}
