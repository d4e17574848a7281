package dev.backbone.topology.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.codec.DecodeResult;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.codec.InvalidReason;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.topology.FoldRejection;
import dev.backbone.topology.InputRejection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pins the generator to the real codec: every mutation gets exactly the reason it claims. */
class MutationTest {

  private static final int MAX_RECORD_BYTES = 4_096;
  private static final long SEED = 20_261_201L;
  private final EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator(), MAX_RECORD_BYTES);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mutation.class)
  void shouldGetExactlyItsReasonFromTheCodecForEveryRandomChoiceAndSourceEvent(Mutation mutation) {
    Random random = new Random(SEED + mutation.ordinal());
    for (EncodedEvent event : validEvents(random)) {
      for (int draw = 0; draw < 50; draw++) {
        FuzzRecord bad = mutation.apply(event, random, MAX_RECORD_BYTES);

        DecodeResult result = decode(bad);

        if (mutation.codecLevel()) {
          assertThat(result).as("%s (seed %d)", bad, SEED).isInstanceOf(DecodeResult.Invalid.class);
          assertThat(((DecodeResult.Invalid) result).reason().name()).as("%s (seed %d): %s", bad, SEED, result)
              .isIn(bad.reasons());
        } else {
          // the codec cannot tell; the topology must (DeadLetterTest, FuzzedInputTest)
          assertThat(result).as("%s", bad).isInstanceOf(DecodeResult.Valid.class);
          assertThat(bad.topic()).isNotEqualTo(event.topic());
        }
      }
    }
  }

  @Test
  void shouldStartFromEventsTheCodecAcceptsInBothContentModes() {
    for (EncodedEvent event : validEvents(new Random(SEED))) {
      assertThat(codec.decode(event.key(), new RecordHeaders(event.headers().toArray(Header[]::new)), event.value()))
          .isInstanceOf(DecodeResult.Valid.class);
      // a mutation of the structured form must be its only fault
      assertThat(codec.decode(event.key(), new RecordHeaders(RecordEdits.structuredHeaders().toArray(Header[]::new)),
          RecordEdits.bytes(RecordEdits.structured(event)))).isInstanceOf(DecodeResult.Valid.class);
    }
  }

  @Test
  void shouldCoverEveryDeadLetterReasonWithAThousandRecordsAndPinEachCodecReasonToTheCodec() {
    FuzzPlan plan = FuzzPlan.generate("run", SEED, 100, 1_000, MAX_RECORD_BYTES, Instant.EPOCH);

    Set<String> every = Stream.of(Arrays.stream(InvalidReason.values()).map(Enum::name),
        Arrays.stream(InputRejection.values()).map(Enum::name), Arrays.stream(FoldRejection.values()).map(Enum::name))
        .flatMap(Function.identity()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(plan.malformed()).hasSize(1_000);
    assertThat(plan.malformed().stream().flatMap(r -> r.reasons().stream()).collect(Collectors.toSet()))
        .as("reasons covered with seed %d", SEED).containsExactlyInAnyOrderElementsOf(every);
    Set<String> codecReasons = Arrays.stream(InvalidReason.values()).map(Enum::name).collect(Collectors.toSet());
    for (FuzzRecord record : plan.records()) {
      DecodeResult result = decode(record);
      if (record.reasons().stream().anyMatch(codecReasons::contains)) {
        assertThat(result).as("%s", record).isInstanceOf(DecodeResult.Invalid.class);
        assertThat(((DecodeResult.Invalid) result).reason().name()).as("%s", record).isIn(record.reasons());
      } else {
        assertThat(result).as("%s: valid to the codec, rejected (or folded) by the topology", record)
            .isInstanceOf(DecodeResult.Valid.class);
      }
    }
  }

  @Test
  void shouldRepeatARunByteForByteFromItsSeed() {
    FuzzPlan first = FuzzPlan.generate("run", SEED, 20, 200, MAX_RECORD_BYTES, Instant.EPOCH);
    FuzzPlan again = FuzzPlan.generate("run", SEED, 20, 200, MAX_RECORD_BYTES, Instant.EPOCH);
    FuzzPlan other = FuzzPlan.generate("run", SEED + 1, 20, 200, MAX_RECORD_BYTES, Instant.EPOCH);

    assertThat(fingerprint(again)).isEqualTo(fingerprint(first));
    assertThat(fingerprint(other)).isNotEqualTo(fingerprint(first));
  }

  @Test
  void shouldExpectEveryCustomerAtItsNewestVersionAndEveryOrderPaid() {
    FuzzPlan plan = FuzzPlan.generate("run", SEED, 4, 40, MAX_RECORD_BYTES, Instant.EPOCH);

    assertThat(plan.customers()).containsEntry("run-c0", "v3 run-c0-2@example.com").hasSize(4);
    assertThat(plan.orders()).containsEntry("run-c3-o1", "run-c3 v2 PAID").hasSize(4);
    assertThat(plan.records().stream().filter(r -> !r.malformed())).hasSize(16);
  }

  private DecodeResult decode(FuzzRecord record) {
    return codec.decode(record.key(), new RecordHeaders(record.headers().toArray(Header[]::new)), record.value());
  }

  private static List<EncodedEvent> validEvents(Random random) {
    ValidEvents events = new ValidEvents(random, Instant.parse("2026-03-01T10:00:00Z"));
    return List.of(events.registered("c-1", 1, "ada@example.com"),
        events.emailChanged("c-1", 3, "ada@example.com", "ada@new.example.com"), events.orderPlaced("c-1", "o-1", 1),
        events.orderPaid("c-1", "o-1", 2));
  }

  private static List<String> fingerprint(FuzzPlan plan) {
    return plan.records().stream().map(r -> r.topic() + "|" + Arrays.toString(r.key()) + "|"
        + r.headers().stream().map(h -> h.key() + "=" + Arrays.toString(h.value())).toList() + "|"
        + Arrays.toString(r.value()) + "|" + r.reasons()).toList();
  }

}
