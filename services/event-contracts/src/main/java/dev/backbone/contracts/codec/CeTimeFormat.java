package dev.backbone.contracts.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Formats the {@code time} attribute exactly as {@link DateTimeFormatter#ISO_INSTANT} does (RFC
 * 3339 in UTC, the fraction in groups of three digits, none when zero), but formats the date and
 * time of day only once per second: publishing formats one time per event, and nearly every event
 * falls in the same second as the one before it. Parsing reads a time in UTC ({@code Z}) with a
 * four-digit year — what every producer here writes — digit by digit; anything else, and anything
 * out of range, is parsed in full by {@code java.time}, so the results and errors are its own. The
 * Streams app also writes and reads its states' times with it.
 *
 * <p>Thread-safe: the last second's text is one immutable value; threads that race to replace it
 * each format the same text.
 */
public final class CeTimeFormat {

  private static final int NANOS_PER_MILLI = 1_000_000;
  private static final int NANOS_PER_MICRO = 1_000;

  /** Length of {@code 2026-03-01T10:15:30}: a four-digit year's date and time of day to the second. */
  private static final int SECOND_TEXT_LENGTH = 19;
  private static final int MAX_FRACTION_DIGITS = 9;
  private static final int SECONDS_PER_DAY = 86_400;
  /** {@link #utcSecond}'s answer for text it leaves to {@code java.time}. */
  private static final long NOT_READ = Long.MIN_VALUE;

  private volatile Second last = secondOf(Instant.EPOCH.getEpochSecond());

  /** The text of {@code time}, e.g. {@code 2026-03-01T10:15:30.123Z}. */
  public String format(Instant time) {
    return new String(formatUtf8(time), StandardCharsets.ISO_8859_1);
  }

  /**
   * {@link #format} as UTF-8 bytes (all ASCII), written straight into the array a header value
   * needs: a {@code StringBuilder}, the fraction's own string and the final text cost the SDK's
   * publishing thread more than the rest of the time attribute (JFR, 2026-12-03).
   */
  public byte[] formatUtf8(Instant time) {
    Second second = last;
    if (second.epochSecond != time.getEpochSecond()) {
      second = secondOf(time.getEpochSecond());
      last = second;
    }
    int nanos = time.getNano();
    byte[] prefix = second.ascii;
    if (nanos == 0) {
      byte[] text = Arrays.copyOf(prefix, prefix.length + 1);
      text[prefix.length] = 'Z';
      return text;
    }
    int digits;
    int fraction;
    if (nanos % NANOS_PER_MILLI == 0) {
      digits = 3;
      fraction = nanos / NANOS_PER_MILLI;
    } else if (nanos % NANOS_PER_MICRO == 0) {
      digits = 6;
      fraction = nanos / NANOS_PER_MICRO;
    } else {
      digits = MAX_FRACTION_DIGITS;
      fraction = nanos;
    }
    byte[] text = Arrays.copyOf(prefix, prefix.length + 1 + digits + 1);
    text[prefix.length] = '.';
    for (int i = prefix.length + digits; i > prefix.length; i--) {
      text[i] = (byte) ('0' + fraction % 10);
      fraction /= 10;
    }
    text[text.length - 1] = 'Z';
    return text;
  }

  /**
   * Parses a {@code time} attribute: RFC 3339, which CloudEvents requires, so the year has exactly
   * four digits. {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} alone also takes signed years of up
   * to nine digits ({@code +300000-01-01T00:00:00Z}): instants the shards (PostgreSQL stores years up
   * to 294276) and epoch milliseconds (the index's order scores) cannot hold, so an accepted one would
   * fail in a sink, not in the DLQ. The same instant and the same errors as {@link #parseFully}, which
   * it falls back to whenever the text is not {@code yyyy-MM-ddTHH:mm:ss} with every field in range,
   * followed by {@code Z} or {@code .} and one to nine digits and {@code Z}. Why not a cache of the
   * last second, as formatting has: a stored state holds two times seconds or days apart, and the
   * sinks read states of many entities, so the cache missed and {@code java.time} was still 16–19 %
   * of each sink thread (JFR, 2026-12-03).
   *
   * @throws DateTimeParseException when {@code text} is not such a time
   */
  public Instant parse(String text) {
    int nanos = text.length() > SECOND_TEXT_LENGTH ? utcFraction(text) : -1;
    long epochSecond = nanos >= 0 ? utcSecond(text) : NOT_READ;
    return epochSecond != NOT_READ ? Instant.ofEpochSecond(epochSecond, nanos) : parseFully(text);
  }

  /** {@link #parse} with every field read by {@code java.time}. */
  static Instant parseFully(String text) {
    if (text.length() < 5 || text.charAt(4) != '-' || !text.chars().limit(4).allMatch(c -> c >= '0' && c <= '9')) {
      throw new DateTimeParseException("time must be RFC 3339, with a four-digit year", text, 0);
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * The nanoseconds of what follows the second in {@code text} when that is {@code Z} or {@code .},
   * one to nine digits and {@code Z}; -1 for anything else.
   */
  private static int utcFraction(String text) {
    int end = text.length() - 1;
    if (text.charAt(end) != 'Z') {
      return -1;
    }
    if (end == SECOND_TEXT_LENGTH) {
      return 0;
    }
    int digits = end - SECOND_TEXT_LENGTH - 1;
    if (text.charAt(SECOND_TEXT_LENGTH) != '.' || digits < 1 || digits > MAX_FRACTION_DIGITS) {
      return -1;
    }
    int nanos = 0;
    for (int i = SECOND_TEXT_LENGTH + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      nanos = nanos * 10 + (c - '0');
    }
    for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  /**
   * The epoch second of the first {@value #SECOND_TEXT_LENGTH} characters of {@code text} when they
   * are {@code yyyy-MM-ddTHH:mm:ss} with a valid date and a time of day from 00:00:00 to 23:59:59;
   * {@link #NOT_READ} for anything else (lower-case {@code t}, a leap second, 24:00, 30 February …).
   */
  private static long utcSecond(String text) {
    if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return NOT_READ;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return NOT_READ;
    }
    return LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
  }

  /** The number the {@code count} ASCII digits at {@code from} make; -1 when one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static Second secondOf(long epochSecond) {
    String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
    return new Second(epochSecond, text.substring(0, text.length() - 1).getBytes(StandardCharsets.ISO_8859_1));
  }

  /** One second's text without the zone designator {@code Z}, as ASCII bytes. */
  private record Second(long epochSecond, byte[] ascii) {
  }
}
