package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.codec.EncodedEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The payment fold: {@code backbone.payments.v1} into the {@code payment-state} store and its change topic. */
class PaymentFoldTest {

  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldEmitTheCapturedPaymentKeyedByCustomerWithItsSequenceAsVersion() {
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));

    KeyValue<String, EntityChange<PaymentState>> change = fixture.paymentChanges.readKeyValue();
    assertThat(change.key).isEqualTo("c-1");
    assertThat(change.value.before()).isNull();
    assertThat(change.value.after()).isEqualTo(
        new PaymentState("c-1", "p-1", "o-1", "CAPTURED", 2500, "EUR", 1, TopologyFixture.T0));
    assertThat(change.value.version()).isEqualTo(1);
  }

  @Test
  void shouldRefundTheCapturedPaymentKeepingItsAmountAndOrder() {
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));
    fixture.send(fixture.paymentRefunded("c-1", "p-1", "o-1", 2));

    EntityChange<PaymentState> refund = fixture.paymentChanges.readValuesToList().get(1);
    assertThat(refund.before().status()).isEqualTo("CAPTURED");
    assertThat(refund.after()).isEqualTo(
        new PaymentState("c-1", "p-1", "o-1", "REFUNDED", 2500, "EUR", 2, TopologyFixture.T0));
    assertThat(paymentStore().get("c-1\u0000p-1").status()).isEqualTo("REFUNDED");
  }

  @Test
  void shouldFoldPaymentsPerPaymentWithinTheCustomer() {
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));
    fixture.send(fixture.paymentCaptured("c-1", "p-2", "o-2"));
    fixture.send(fixture.paymentRefunded("c-1", "p-1", "o-1", 2));

    assertThat(paymentStore().get("c-1\u0000p-1").version()).isEqualTo(2);
    assertThat(paymentStore().get("c-1\u0000p-2").status()).isEqualTo("CAPTURED");
    assertThat(fixture.paymentChanges.readValuesToList()).hasSize(3);
  }

  @Test
  void shouldDeadLetterARefundOfAPaymentNeverCaptured() {
    fixture.send(fixture.paymentRefunded("c-1", "p-1", "o-1", 2));

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(FoldRejection.ENTITY_NOT_FOUND.name());
    assertThat(text(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("backbone.payments.v1");
    assertThat(fixture.paymentChanges.isEmpty()).isTrue();
    assertThat(paymentStore().get("c-1\u0000p-1")).isNull();
  }

  @Test
  void shouldNotMoveAPaymentBackWhenAnOlderEventArrivesLate() {
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));
    fixture.send(fixture.paymentRefunded("c-1", "p-1", "o-1", 2));
    // the capture again, as a new event (another id, so not a duplicate): a replay from an older offset
    fixture.send(fixture.paymentCaptured("c-1", "p-1", "o-1"));

    assertThat(paymentStore().get("c-1\u0000p-1").status()).isEqualTo("REFUNDED");
    assertThat(paymentStore().get("c-1\u0000p-1").version()).isEqualTo(2);
    assertThat(fixture.paymentChanges.readValuesToList()).hasSize(2);
    assertThat(text(fixture.dlq.readRecord(), DeadLetterHeaders.REASON)).isEqualTo(FoldRejection.SEQUENCE_BEHIND.name());
  }

  @Test
  void shouldDropARedeliveredPaymentEventSilently() {
    EventEnvelope captured = fixture.paymentCaptured("c-1", "p-1", "o-1");

    fixture.send(captured, 0);
    fixture.send(captured, 1_000);

    assertThat(fixture.paymentChanges.readValuesToList()).hasSize(1);
    assertThat(fixture.dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAPaymentEventOnTheOrdersTopic() {
    EncodedEvent captured = TopologyFixture.encode(fixture.paymentCaptured("c-1", "p-1", "o-1"));

    fixture.sendRaw("backbone.orders.v1", captured.key(), captured.headers(), captured.value(), 0);

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(InputRejection.WRONG_TOPIC.name());
    assertThat(text(letter, DeadLetterHeaders.DETAIL)).contains("com.acme.payment.captured.v1", "backbone.payments.v1");
    assertThat(fixture.paymentChanges.isEmpty()).isTrue();
  }

  private KeyValueStore<String, PaymentState> paymentStore() {
    return fixture.driver.getKeyValueStore(BackboneTopology.stateStoreName("payment"));
  }
}
