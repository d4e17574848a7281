package dev.backbone.contracts.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.TestEvents;
import dev.backbone.contracts.schema.EventValidator;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventEnvelopeCodecTest {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator(), 10_000);
  private final EventEnvelope event = TestEvents.orderPlaced("c-42");

  @Test
  void shouldRoundTripAnEventThroughBinaryMode() {
    EncodedEvent encoded = codec.encode(event);

    DecodeResult result = codec.decode(encoded.key(), headersOf(encoded), encoded.value());

    assertThat(encoded.topic()).isEqualTo("backbone.orders.v1");
    assertThat(new String(encoded.key(), UTF_8)).isEqualTo("c-42");
    assertThat(result).isEqualTo(new DecodeResult.Valid(event));
  }

  @Test
  void shouldWriteCloudEventsHeaders() {
    Headers headers = headersOf(codec.encode(event));

    assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(text(headers, "ce_type")).isEqualTo("com.acme.order.placed.v1");
    assertThat(text(headers, "ce_id")).isEqualTo(event.id().toString());
    assertThat(text(headers, "ce_time")).isEqualTo("2026-03-01T10:15:30.123Z");
    assertThat(text(headers, "ce_sequence")).isEqualTo("1");
    assertThat(text(headers, "content-type")).isEqualTo("application/json");
  }

  @Test
  void shouldWriteEachEventsOwnSourceWhenSourcesAlternate() {
    for (String source : new String[] {"urn:none", "/services/orders", "urn:none", "/services/billing"}) {
      EventEnvelope from = new EventEnvelope(event.id(), java.net.URI.create(source), event.type(), event.subject(),
          event.sequence(), event.time(), TestEvents.orderPlacedData(event.subject().value()));

      assertThat(text(headersOf(codec.encode(from)), "ce_source")).isEqualTo(source);
    }
  }

  @Test
  void shouldDecodeStructuredMode() {
    String structured = """
        {"specversion":"1.0","id":"%s","source":"/services/orders","type":"com.acme.order.placed.v1",
         "subject":"c-42","time":"2026-03-01T11:15:30.123+01:00","sequence":1,
         "datacontenttype":"application/json","data":%s}"""
        .formatted(event.id(), event.data());
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(UTF_8));

    DecodeResult result = codec.decode("c-42".getBytes(UTF_8), headers, structured.getBytes(UTF_8));

    assertThat(result).isEqualTo(new DecodeResult.Valid(event));
  }

  @Test
  void shouldReportAMissingAttributeByName() {
    Headers headers = headersOf(codec.encode(event));
    headers.remove("ce_sequence");

    assertInvalid(codec.decode("c-42".getBytes(UTF_8), headers, codec.encode(event).value()),
        InvalidReason.MISSING_ATTRIBUTE, "'sequence'");
  }

  @Test
  void shouldReportAnUnknownType() {
    Headers headers = headersOf(codec.encode(event));
    headers.remove("ce_type").add("ce_type", "com.acme.order.placed.v9".getBytes(UTF_8));

    assertInvalid(codec.decode("c-42".getBytes(UTF_8), headers, codec.encode(event).value()),
        InvalidReason.UNKNOWN_TYPE, "com.acme.order.placed.v9");
  }

  @Test
  void shouldReportAMalformedSequenceWithItsValue() {
    Headers headers = headersOf(codec.encode(event));
    headers.remove("ce_sequence").add("ce_sequence", "-3".getBytes(UTF_8));

    assertInvalid(codec.decode("c-42".getBytes(UTF_8), headers, codec.encode(event).value()),
        InvalidReason.MALFORMED_ATTRIBUTE, "'sequence' is malformed: '-3'");
  }

  @Test
  void shouldReportATimeWhoseYearIsNotFourDigitsAsMalformed() {
    // RFC 3339; ISO 8601's signed long years name instants no shard or epoch-millisecond clock holds
    for (String time : List.of("+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "+2026-03-01T10:00:00Z",
        "26-03-01T10:00:00Z")) {
      Headers headers = headersOf(codec.encode(event));
      headers.remove("ce_time").add("ce_time", time.getBytes(UTF_8));

      assertInvalid(codec.decode("c-42".getBytes(UTF_8), headers, codec.encode(event).value()),
          InvalidReason.MALFORMED_ATTRIBUTE, "'time' is malformed: '" + time + "'");
    }
  }

  @Test
  void shouldAcceptTimesWithFourDigitYearsAndAnyOffset() {
    for (String time : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-18:00",
        "2026-03-01T10:15:30.123+02:00")) {
      Headers headers = headersOf(codec.encode(event));
      headers.remove("ce_time").add("ce_time", time.getBytes(UTF_8));

      assertThat(codec.decode("c-42".getBytes(UTF_8), headers, codec.encode(event).value()))
          .as(time).isInstanceOf(DecodeResult.Valid.class);
    }
  }

  @Test
  void shouldReportAKeyThatDiffersFromTheSubject() {
    EncodedEvent encoded = codec.encode(event);

    assertInvalid(codec.decode("c-7".getBytes(UTF_8), headersOf(encoded), encoded.value()),
        InvalidReason.KEY_MISMATCH, "'c-7'");
  }

  @Test
  void shouldReportMalformedJsonWithoutThrowing() {
    EncodedEvent encoded = codec.encode(event);

    assertInvalid(codec.decode(encoded.key(), headersOf(encoded), "{\"orderId\":".getBytes(UTF_8)),
        InvalidReason.MALFORMED_JSON, "not valid JSON");
  }

  @Test
  void shouldReportSchemaViolationsWithFieldRuleAndValue() {
    EncodedEvent encoded = codec.encode(event);
    byte[] badData = event.data().put("currency", "euro").toString().getBytes(UTF_8);

    DecodeResult result = codec.decode(encoded.key(), headersOf(encoded), badData);

    assertInvalid(result, InvalidReason.SCHEMA_VIOLATION, "field=/currency rule=pattern value=\"euro\"");
    assertThat(((DecodeResult.Invalid) result).violations()).hasSize(1);
  }

  @Test
  void shouldReportOversizedRecordsBeforeParsing() {
    EncodedEvent encoded = codec.encode(event);

    assertInvalid(codec.decode(encoded.key(), headersOf(encoded), new byte[20_000]),
        InvalidReason.OVERSIZED, "limit is 10000");
  }

  @Test
  void shouldRejectAnUnsupportedContentType() {
    EncodedEvent encoded = codec.encode(event);
    Headers headers = headersOf(encoded);
    headers.remove("content-type").add("content-type", "application/avro".getBytes(UTF_8));

    assertInvalid(codec.decode(encoded.key(), headers, encoded.value()),
        InvalidReason.UNSUPPORTED_CONTENT_TYPE, "application/avro");
  }

  private static void assertInvalid(DecodeResult result, InvalidReason reason, String detailPart) {
    assertThat(result).isInstanceOfSatisfying(DecodeResult.Invalid.class, invalid -> {
      assertThat(invalid.reason()).isEqualTo(reason);
      assertThat(invalid.detail()).contains(detailPart);
    });
  }

  private static Headers headersOf(EncodedEvent encoded) {
    RecordHeaders headers = new RecordHeaders();
    encoded.headers().forEach(headers::add);
    return headers;
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), UTF_8);
  }
}
