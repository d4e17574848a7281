package dev.backbone.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CeTimeFormatTest {

  private static final Instant SECOND_BOUNDARY = Instant.parse("2026-12-31T23:59:59Z");

  private final CeTimeFormat format = new CeTimeFormat();

  @Test
  void shouldFormatEveryMillisecondAcrossSecondBoundariesAsIsoInstantDoes() {
    // given two seconds before and two after a boundary that also changes day, month and year
    Instant from = SECOND_BOUNDARY.minusSeconds(2);

    // when / then
    for (int millis = 0; millis < 4_000; millis++) {
      Instant time = from.plusMillis(millis);
      assertThat(format.format(time)).as("%s", time).isEqualTo(isoInstant(time));
    }
  }

  @Test
  void shouldWriteTheFractionInGroupsOfThreeDigitsAsIsoInstantDoes() {
    // given fractions with milli, micro and nano precision, and none
    int[] nanos = {0, 1, 10, 999, 1_000, 10_000, 999_000, 1_000_000, 100_000_000, 123_000_000, 123_456_000,
        123_456_789, 999_999_999};

    // when / then
    for (int nano : nanos) {
      Instant time = SECOND_BOUNDARY.plusNanos(nano);
      assertThat(format.format(time)).as("%s", time).isEqualTo(isoInstant(time));
      assertThat(format.formatUtf8(time)).as("%s", time).isEqualTo(isoInstant(time).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void shouldFormatYearsBeyondFourDigitsAsIsoInstantDoes() {
    for (Instant time : new Instant[] {Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("-0001-12-31T23:59:59.000001Z")}) {
      assertThat(format.format(time)).as("%s", time).isEqualTo(isoInstant(time));
    }
  }

  @Test
  void shouldFormatTimesThatGoBackAndForthBetweenSeconds() {
    // given a clock that steps back, and times far apart
    List<Instant> times = List.of(SECOND_BOUNDARY.plusMillis(1_500), SECOND_BOUNDARY.plusMillis(200),
        SECOND_BOUNDARY.plusMillis(1_700), Instant.EPOCH, Instant.ofEpochSecond(-1, 5_000_000),
        Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.MIN, Instant.MAX, SECOND_BOUNDARY.plusMillis(1_900));

    // when / then
    for (Instant time : times) {
      assertThat(format.format(time)).as("%s", time).isEqualTo(isoInstant(time));
    }
  }

  @Test
  void shouldFormatCorrectlyWhenThreadsShareOneInstance() throws Exception {
    // given four threads that format random times of five neighbouring seconds, so the cached second keeps changing
    // when / then
    assertRightFromFourThreads(time -> {
      String text = format.format(time);
      return text.equals(isoInstant(time)) ? null : time + " -> " + text;
    });
  }

  /**
   * Runs {@code check} on 50,000 random times of five neighbouring seconds in each of four threads
   * that share the instance under test; {@code check} returns what went wrong, or {@code null}.
   */
  private static void assertRightFromFourThreads(Function<Instant, String> check) throws Exception {
    Callable<List<String>> worker = () -> {
      List<String> wrong = new ArrayList<>();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < 50_000; i++) {
        String problem = check.apply(SECOND_BOUNDARY.plusSeconds(random.nextInt(5)).plusNanos(random.nextInt(1_000_000_000)));
        if (problem != null) {
          wrong.add(problem);
        }
      }
      return wrong;
    };
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      for (Future<List<String>> result : threads.invokeAll(IntStream.range(0, 4).mapToObj(i -> worker).toList())) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static String isoInstant(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time);
  }

  @Test
  void shouldParseAsJavaTimeDoesWithEveryFractionAndSuffix() {
    // given texts of a few seconds, each right after one of the same second was parsed: valid UTC
    // fractions of every length, and suffixes the digit-by-digit path must leave to java.time
    List<String> seconds = List.of("2026-12-31T23:59:59", "2027-01-01T00:00:00", "2026-12-31T23:59:59", "1970-01-01T00:00:00");
    List<String> suffixes = List.of("Z", ".5Z", ".12Z", ".123Z", ".1234Z", ".123456Z", ".1234567Z", ".123456789Z",
        ".000000001Z", ".999999999Z", ".1234567890Z", ".Z", ".12a4Z", "z", ".5z", " Z", "Z ", "+01:00", ".5+01:00",
        "-00:00", ".5ZZ", "..5Z", ".-5Z", ".+5Z");
    CeTimeFormat parser = new CeTimeFormat();

    // when / then
    for (String second : seconds) {
      parser.parse(second + ".7Z");
      for (String suffix : suffixes) {
        String text = second + suffix;
        assertThat(outcome(() -> parser.parse(text))).as(text).isEqualTo(outcome(() -> CeTimeFormat.parseFully(text)));
      }
    }
  }

  @Test
  void shouldParseEveryFieldAsJavaTimeDoesAtTheEdgesOfItsRange() {
    // given seconds whose fields sit at, just inside and just outside their ranges, and wrong separators
    List<String> seconds = List.of("0000-01-01T00:00:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-00-10T10:00:00",
        "2026-13-10T10:00:00", "2026-04-00T10:00:00", "2026-04-30T10:00:00", "2026-04-31T10:00:00", "2024-02-29T10:00:00",
        "2026-02-29T10:00:00", "2000-02-29T10:00:00", "1900-02-29T10:00:00", "2026-01-31T10:00:00", "2026-01-32T10:00:00",
        "2026-12-31T24:00:00", "2026-12-31T23:60:00", "2026-12-31T23:59:60", "2026-12-31t23:59:59", "2026-12-31 23:59:59",
        "2026/12/31T23:59:59", "2026-12-31T23.59:59", "2026-1a-31T23:59:59", "2026-12-31T2 :59:59", "-026-12-31T23:59:59",
        "+026-12-31T23:59:59", "２026-12-31T23:59:59");

    // when / then
    CeTimeFormat parser = new CeTimeFormat();
    for (String second : seconds) {
      for (String suffix : List.of("Z", ".5Z", ".000000001Z", "+01:00")) {
        String text = second + suffix;
        assertThat(outcome(() -> parser.parse(text))).as(text).isEqualTo(outcome(() -> CeTimeFormat.parseFully(text)));
      }
    }
  }

  @Test
  void shouldParseRandomTimesOfEveryFourDigitYearAsJavaTimeDoes() {
    // given 100,000 random instants from year 1 to 9999 at every fraction precision
    SplittableRandom random = new SplittableRandom(20261203);
    long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    CeTimeFormat parser = new CeTimeFormat();

    for (int i = 0; i < 100_000; i++) {
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant time = Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos);

      // when / then
      assertThat(parser.parse(isoInstant(time))).as(isoInstant(time)).isEqualTo(time);
    }
  }

  @Test
  void shouldReadEachSecondFromItsOwnDigits() {
    // given a second parsed just before
    CeTimeFormat parser = new CeTimeFormat();
    parser.parse("2026-12-31T23:59:59.1Z");

    // when / then: texts that share all but the last character of its prefix, or none of it
    assertThat(parser.parse("2026-12-31T23:59:58.1Z")).isEqualTo(Instant.parse("2026-12-31T23:59:58.1Z"));
    assertThat(parser.parse("2027-12-31T23:59:59.1Z")).isEqualTo(Instant.parse("2027-12-31T23:59:59.1Z"));
    assertThat(parser.parse("2026-12-31T23:59:59.25+01:00")).isEqualTo(Instant.parse("2026-12-31T22:59:59.25Z"));
    assertThat(parser.parse("2026-12-31T23:59:59.25Z")).isEqualTo(Instant.parse("2026-12-31T23:59:59.25Z"));
  }

  @Test
  void shouldParseCorrectlyWhenThreadsShareOneInstance() throws Exception {
    // given four threads that parse random times of five neighbouring seconds
    CeTimeFormat parser = new CeTimeFormat();

    // when / then
    assertRightFromFourThreads(time -> {
      Instant parsed = parser.parse(isoInstant(time));
      return parsed.equals(time) ? null : isoInstant(time) + " -> " + parsed;
    });
  }

  /** The instant's text, or the exception's class: what parsing {@code text} came to. */
  private static String outcome(Callable<Instant> parse) {
    try {
      return parse.call().toString();
    } catch (Exception e) {
      return "error: " + e.getClass().getSimpleName();
    }
  }
}
