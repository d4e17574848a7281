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
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code backbone.*} settings come from, first match wins: a JVM system property
 * ({@code -Dbackbone.streams.bootstrap-servers=…}), an environment variable (the key upper-cased,
 * {@code .} and {@code -} as {@code _}: {@code BACKBONE_STREAMS_BOOTSTRAP_SERVERS}), then the
 * properties file. Parse errors name the key, its environment variable, the value and how to fix it.
 * Shared with the jobs' cluster mode ({@code infra/cli} {@code ClusterConfig}), so every Backbone
 * process is configured the same way.
 */
public final class ConfigSource {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Properties system;
  private final Map<String, String> env;
  private final Properties file;

  /** {@code system} over {@code env} over {@code file}. */
  public ConfigSource(Properties system, Map<String, String> env, Properties file) {
    this.system = Objects.requireNonNull(system, "system");
    this.env = Map.copyOf(env);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** Reads {@code file} (a {@code .properties} file) under system properties and the environment. */
  public static ConfigSource of(Properties system, Map<String, String> env, Optional<Path> file) {
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
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value of {@code key}, trimmed; empty when unset or blank. */
  public Optional<String> get(String key) {
    String value = system.getProperty(key);
    if (value == null) {
      value = env.get(envName(key));
    }
    if (value == null) {
      value = file.getProperty(key);
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The value of {@code key}; when unset, fails naming the key, its variable and an example value. */
  public String required(String key, String example) {
    return get(key).orElseThrow(() -> new IllegalArgumentException(key + " is not set: pass -D" + key + "=" + example
        + ", set " + envName(key) + ", or put it in the properties file"));
  }

  public String string(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(named(key) + " must be an integer but was '" + value.get() + "'", e);
    }
  }

  /** ISO-8601 ({@code PT5S}) or a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
  public Duration duration(String key, Duration defaultValue) {
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
      throw new IllegalArgumentException(named(key) + " must be a duration like 500ms, 5s, 2m or PT5S but was '"
          + value.get() + "'", e);
    }
  }

  /**
   * The indexes {@code i} for which {@code prefix + i + suffix} is set in any of the sources, e.g.
   * the shards of {@code backbone.shard.<i>.jdbc-url}: lets a reader reject gaps instead of silently
   * stopping at the first one.
   */
  public SortedSet<Integer> indexes(String prefix, String suffix) {
    SortedSet<Integer> indexes = new TreeSet<>();
    Pattern key = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,9})" + Pattern.quote(suffix));
    Pattern variable = Pattern.compile(Pattern.quote(envName(prefix)) + "(\\d{1,9})" + Pattern.quote(envName(suffix)));
    for (String name : system.stringPropertyNames()) {
      addIfMatches(key, name, indexes);
    }
    for (String name : file.stringPropertyNames()) {
      addIfMatches(key, name, indexes);
    }
    for (String name : env.keySet()) {
      addIfMatches(variable, name, indexes);
    }
    indexes.removeIf(i -> get(prefix + i + suffix).isEmpty());
    return indexes;
  }

  /**
   * Whether any key starting with {@code prefix} ({@code backbone.shard.}) is set, by its name or its
   * variable's ({@code BACKBONE_SHARD_}).
   */
  public boolean anyUnder(String prefix) {
    String variablePrefix = envName(prefix);
    return system.stringPropertyNames().stream().anyMatch(name -> name.startsWith(prefix) && get(name).isPresent())
        || file.stringPropertyNames().stream().anyMatch(name -> name.startsWith(prefix) && get(name).isPresent())
        || env.entrySet().stream().anyMatch(e -> e.getKey().startsWith(variablePrefix) && !e.getValue().isBlank());
  }

  private static void addIfMatches(Pattern pattern, String name, SortedSet<Integer> indexes) {
    Matcher matcher = pattern.matcher(name);
    if (matcher.matches()) {
      indexes.add(Integer.parseInt(matcher.group(1)));
    }
  }

  /** {@code key (env KEY)}: how an error names a setting, both ways it can be set. */
  public static String named(String key) {
    return key + " (env " + envName(key) + ")";
  }
}
