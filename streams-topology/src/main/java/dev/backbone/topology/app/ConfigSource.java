package dev.backbone.topology.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code backbone.*} settings come from, first match wins: a JVM system property
 * ({@code -Dbackbone.streams.bootstrap-servers=…}), an environment variable (the key upper-cased,
 * {@code .} and {@code -} as {@code _}: {@code BACKBONE_STREAMS_BOOTSTRAP_SERVERS}), then the
 * properties file. Parse errors name the key, the value and how to fix it.
 */
final class ConfigSource {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Properties system;
  private final Map<String, String> env;
  private final Properties file;

  ConfigSource(Properties system, Map<String, String> env, Properties file) {
    this.system = Objects.requireNonNull(system, "system");
    this.env = Map.copyOf(env);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** Reads {@code file} (a {@code .properties} file) under system properties and the environment. */
  static ConfigSource of(Properties system, Map<String, String> env, Optional<Path> file) {
    Properties fromFile = new Properties();
    if (file.isPresent()) {
      try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        fromFile.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("backbone.config-file: cannot read " + file.get() + ": " + e.getMessage(), e);
      }
    }
    return new ConfigSource(system, env, fromFile);
  }

  /** The environment variable that sets {@code key}. */
  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  Optional<String> get(String key) {
    String value = system.getProperty(key);
    if (value == null) {
      value = env.get(envName(key));
    }
    if (value == null) {
      value = file.getProperty(key);
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  String required(String key, String example) {
    return get(key).orElseThrow(() -> new IllegalArgumentException(key + " is not set: pass -D" + key + "=" + example
        + ", set " + envName(key) + ", or put it in the properties file"));
  }

  String string(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  int integer(String key, int defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer but was '" + value.get() + "'", e);
    }
  }

  /** ISO-8601 ({@code PT5S}) or a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
  Duration duration(String key, Duration defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Matcher matcher = SHORT_DURATION.matcher(value.get());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value.get());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be a duration like 500ms, 5s, 2m or PT5S but was '"
          + value.get() + "'", e);
    }
  }
}
