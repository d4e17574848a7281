package dev.backbone.topology.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How the app's Kafka clients (the Streams client and both sink consumers) authenticate and encrypt:
 * plaintext on the local stack, TLS + SCRAM against the production cluster (Strimzi's {@code tls}
 * listener, docs/deploy.md). A Kafka client takes its security protocol and SASL settings only from
 * its config map, so every client of the app gets {@link #applyTo} — none may be forgotten.
 *
 * @param protocol {@code backbone.kafka.security-protocol}
 * @param saslMechanism {@code backbone.kafka.sasl-mechanism}: SCRAM-SHA-512 (Strimzi's), SCRAM-SHA-256
 *     or PLAIN; used only with a SASL protocol
 * @param username {@code backbone.kafka.username}: the KafkaUser
 * @param password {@code backbone.kafka.password}
 * @param caFile {@code backbone.kafka.ca-file}: PEM file of the CA the brokers' certificates chain
 *     to (Strimzi's cluster CA, {@code ca.crt}); empty = the JVM's default trust store
 */
public record KafkaSecurity(Protocol protocol, String saslMechanism, String username, String password,
    Optional<Path> caFile) {

  /** The Kafka clients' {@code security.protocol} values. */
  public enum Protocol {
    PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

    boolean usesSasl() {
      return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    boolean usesTls() {
      return this == SSL || this == SASL_SSL;
    }

    static Protocol parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("backbone.kafka.security-protocol must be one of "
            + Arrays.toString(values()) + " but was '" + value + "'", e);
      }
    }
  }

  // Before PLAINTEXT: the constructor of that constant reads it.
  private static final Map<String, String> LOGIN_MODULES = Map.of(
      "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

  /** Default {@code backbone.kafka.sasl-mechanism}: what Strimzi's SCRAM listeners speak. */
  public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";
  /** The local stack's clients: no authentication, no TLS. */
  public static final KafkaSecurity PLAINTEXT = new KafkaSecurity(Protocol.PLAINTEXT, DEFAULT_SASL_MECHANISM, "", "",
      Optional.empty());

  /** Validates the combination: credentials only with SASL, a CA file only with TLS, and it must be readable. */
  public KafkaSecurity {
    Objects.requireNonNull(protocol, "backbone.kafka.security-protocol");
    Objects.requireNonNull(saslMechanism, "backbone.kafka.sasl-mechanism");
    Objects.requireNonNull(username, "backbone.kafka.username");
    Objects.requireNonNull(password, "backbone.kafka.password");
    Objects.requireNonNull(caFile, "backbone.kafka.ca-file");
    if (!LOGIN_MODULES.containsKey(saslMechanism)) {
      throw new IllegalArgumentException("backbone.kafka.sasl-mechanism must be one of "
          + LOGIN_MODULES.keySet().stream().sorted().collect(Collectors.joining(", ")) + " but was '" + saslMechanism + "'");
    }
    if (protocol.usesSasl() && (username.isBlank() || password.isEmpty())) {
      throw new IllegalArgumentException("backbone.kafka.security-protocol " + protocol
          + " needs backbone.kafka.username and backbone.kafka.password (the KafkaUser and its secret)");
    }
    if (!protocol.usesSasl() && (!username.isEmpty() || !password.isEmpty())) {
      throw new IllegalArgumentException("backbone.kafka.username/password are set but backbone.kafka.security-protocol is "
          + protocol + ", which sends no credentials: set it to SASL_SSL (or drop the credentials)");
    }
    if (caFile.isPresent()) {
      if (!protocol.usesTls()) {
        throw new IllegalArgumentException("backbone.kafka.ca-file is set but backbone.kafka.security-protocol is "
            + protocol + ", which uses no TLS: set it to SSL or SASL_SSL (or drop the CA file)");
      }
      if (!Files.isReadable(caFile.get())) {
        throw new IllegalArgumentException("backbone.kafka.ca-file " + caFile.get()
            + " is not a readable file: mount the cluster CA certificate (PEM) there");
      }
    }
  }

  /** Reads the {@code backbone.kafka.*} keys; PLAINTEXT when none is set. */
  public static KafkaSecurity from(ConfigSource source) {
    return new KafkaSecurity(Protocol.parse(source.string("backbone.kafka.security-protocol", "PLAINTEXT")),
        source.string("backbone.kafka.sasl-mechanism", DEFAULT_SASL_MECHANISM),
        source.string("backbone.kafka.username", ""), source.string("backbone.kafka.password", ""),
        source.get("backbone.kafka.ca-file").filter(value -> !value.isBlank()).map(Path::of));
  }

  /** Puts the client settings this implies into {@code props} (a Kafka client's or Kafka Streams' config). */
  public void applyTo(Map<? super String, Object> props) {
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name());
    if (protocol.usesSasl()) {
      props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
      props.put(SaslConfigs.SASL_JAAS_CONFIG, LOGIN_MODULES.get(saslMechanism) + " required username=\""
          + jaasEscape(username) + "\" password=\"" + jaasEscape(password) + "\";");
    }
    caFile.ifPresent(file -> {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, file.toString());
    });
  }

  /** JAAS option values are double-quoted strings: a quote or backslash in a password must be escaped. */
  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** For logs: the password is redacted. */
  @Override
  public String toString() {
    return "KafkaSecurity[" + protocol + (protocol.usesSasl() ? ", " + saslMechanism + " as " + username + ", password=***" : "")
        + caFile.map(file -> ", ca=" + file).orElse("") + "]";
  }
}
