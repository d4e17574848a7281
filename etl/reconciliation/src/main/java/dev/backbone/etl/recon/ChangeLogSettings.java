package dev.backbone.etl.recon;

import dev.backbone.topology.app.KafkaSecurity;
import java.time.Duration;
import java.util.Objects;

/**
 * How the log and ledger checks read the change topics. Validated on construction; errors name the setting.
 *
 * @param bootstrapServers the Kafka cluster holding {@code backbone.customer-changes.v1} and {@code backbone.order-changes.v1}
 * @param security         TLS and SASL of the consumer, as the Streams app's clients have them
 *                         ({@link KafkaSecurity#PLAINTEXT} on the local stack)
 * @param passes           how many slices of the segment space the log check compares one after the
 *                         other; each pass re-reads the change topics and keeps only the entities of
 *                         its slice, so memory is about entities / passes × ~150 bytes
 * @param readTimeout      longest time one read of the change topics to their end may take
 */
public record ChangeLogSettings(String bootstrapServers, KafkaSecurity security, int passes, Duration readTimeout) {

    /** Four passes: a quarter of the entities in memory at a time, for four reads of the topics. */
    public static final int DEFAULT_PASSES = 4;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

    public ChangeLogSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("recon.log.bootstrap-servers must name the Kafka cluster (host:port,…)");
        }
        Objects.requireNonNull(security, "recon.log.security");
        if (passes < 1 || passes > EntryDigest.SEGMENTS) {
            throw new IllegalArgumentException("recon.log.passes (--passes) must be between 1 and " + EntryDigest.SEGMENTS
                    + ", but was " + passes);
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("recon.log.read-timeout must be positive, but was " + readTimeout);
        }
    }

    /** A plaintext cluster (the local stack). */
    public ChangeLogSettings(String bootstrapServers, int passes, Duration readTimeout) {
        this(bootstrapServers, KafkaSecurity.PLAINTEXT, passes, readTimeout);
    }

    /** The defaults for a plaintext cluster. */
    public static ChangeLogSettings of(String bootstrapServers) {
        return new ChangeLogSettings(bootstrapServers, DEFAULT_PASSES, DEFAULT_READ_TIMEOUT);
    }
}
