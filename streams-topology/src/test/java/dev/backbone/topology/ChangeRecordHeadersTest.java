package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.codec.CloudEventHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without an OpenTelemetry SDK the topology leaves trace context alone: the sinks see the publisher's. */
class ChangeRecordHeadersTest {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldPassEveryInputHeaderToTheChangeRecordUntouchedWithoutAnSdk() {
    EventEnvelope registered = fixture.registered("c-1", 1, "ada@example.com");

    TopologyTracingTest.send(fixture, registered, TRACEPARENT);

    TestRecord<String, ?> change = fixture.customerChanges.readRecord();
    assertThat(TopologyTracingTest.traceparents(change)).containsExactly(TRACEPARENT);
    assertThat(text(change, CloudEventHeaders.ID)).isEqualTo(registered.id().toString());
    assertThat(text(change, CloudEventHeaders.TYPE)).isEqualTo("com.acme.customer.registered.v1");
  }
}
