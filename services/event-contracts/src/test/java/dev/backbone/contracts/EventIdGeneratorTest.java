package dev.backbone.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdGeneratorTest {

  @Test
  void shouldGenerateStrictlyIncreasingUniqueIdsWithinOneMillisecond() {
    EventIdGenerator generator = new EventIdGenerator(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));

    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(generator.next());
    }

    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(ids).isSortedAccordingTo(EventId::compareTo);
    assertThat(ids.get(0).value().version()).isEqualTo(7);
    assertThat(ids.get(0).epochMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void shouldKeepIncreasingWhenTheClockStepsBack() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(5_000));
    EventIdGenerator generator = new EventIdGenerator(clock);
    EventId before = generator.next();

    clock.now = Instant.ofEpochMilli(1_000);

    assertThat(generator.next()).isGreaterThan(before);
  }

  @Test
  void shouldDrawFreshRandomBitsForEveryIdAcrossItsBatchedDraws() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
    EventIdGenerator generator = new EventIdGenerator(clock);

    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      clock.now = clock.now.plusMillis(1); // a new millisecond: the counter starts at a random value too
      ids.add(generator.next());
    }

    assertThat(ids).extracting(id -> id.value().getLeastSignificantBits()).doesNotHaveDuplicates();
    assertThat(ids).extracting(id -> id.value().variant()).containsOnly(2);
    assertThat(ids).extracting(id -> (int) (id.value().getMostSignificantBits() & 0xFFF))
        .allSatisfy(counter -> assertThat(counter).isBetween(0, 0xFFF / 2 - 1));
    assertThat(ids.stream().map(id -> id.value().getMostSignificantBits() & 0xFFF).distinct().count())
        .as("counter starts spread over their range").isGreaterThan(1_000);
  }

  @Test
  void shouldRejectTextThatIsNotAUuid() {
    assertThatThrownBy(() -> EventId.parse("not-a-uuid"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'not-a-uuid'");
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
