package dev.backbone.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void shouldRejectSequenceBelowOneNamingTheValue() {
    assertThatThrownBy(() -> Sequence.of(0)).hasMessage("sequence must be >= 1 but was 0");
  }

  @Test
  void shouldRejectBlankOrPaddedAggregateIds() {
    assertThatThrownBy(() -> AggregateId.of(" ")).hasMessageContaining("' '");
    assertThatThrownBy(() -> AggregateId.of(" c-1")).hasMessageContaining("' c-1'");
    assertThatThrownBy(() -> AggregateId.of("x".repeat(129))).hasMessageContaining("1..128");
  }

  @Test
  void shouldRouteOrdersAndPaymentsToTheirDomainTopics() {
    assertThat(DomainTopic.of(EventType.ORDER_PLACED).topicName()).isEqualTo("backbone.orders.v1");
    assertThat(DomainTopic.of(EventType.PAYMENT_REFUNDED).topicName()).isEqualTo("backbone.payments.v1");
    assertThat(DomainTopic.of(EventType.CUSTOMER_DELETED).topicName()).isEqualTo("backbone.customers.v1");
  }

  @Test
  void shouldFindEventTypesOnlyByTheirExactVersionedName() {
    assertThat(EventType.fromCeType("com.acme.order.paid.v1")).contains(EventType.ORDER_PAID);
    assertThat(EventType.fromCeType("com.acme.order.paid.v2")).isEmpty();
    assertThat(EventType.fromCeType(null)).isEmpty();
  }
}
