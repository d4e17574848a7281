package dev.backbone.etl.recon;

import dev.backbone.topology.BackboneTopology;
import dev.backbone.topology.StreamsSettings;
import dev.backbone.topology.app.KafkaSecurity;
import java.time.Duration;
import java.util.Objects;

/**
 * How the log and ledger checks read the fold's state: the changelog topics of the Streams app's
 * entity state stores ({@link BackboneTopology#stateChangelogTopic}). Validated on construction;
 * errors name the setting.
 *
 * @param bootstrapServers the Kafka cluster the Streams app runs against
 * @param security         TLS and SASL of the consumer, as the Streams app's clients have them
 *                         ({@link KafkaSecurity#PLAINTEXT} on the local stack)
 * @param applicationId    the Streams app's {@code application.id} ({@code --application-id}, in cluster mode
 *                         {@code backbone.streams.application-id}): the changelog topics are
 *                         {@code <application-id>-customer-state-changelog}, {@code …-order-state-changelog} and
 *                         {@code …-payment-state-changelog}
 * @param passes           how many slices of the segment space the log check compares one after the
 *                         other; each pass re-reads the changelogs and keeps only the entities of
 *                         its slice, so memory is about entities / passes × ~150 bytes
 * @param readTimeout      longest time one read of the changelogs to their end may take
 */
public record ChangeLogSettings(String bootstrapServers, KafkaSecurity security, String applicationId, int passes,
                                Duration readTimeout) {

    /** Four passes: a quarter of the entities in memory at a time, for four reads of the changelogs. */
    public static final int DEFAULT_PASSES = 4;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** The Streams app's default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = StreamsSettings.DEFAULT_APPLICATION_ID;

    public ChangeLogSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("recon.log.bootstrap-servers must name the Kafka cluster (host:port,…)");
        }
        Objects.requireNonNull(security, "recon.log.security");
        // The characters a Kafka topic name allows: the id is the changelog topics' prefix.
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--application-id (backbone.streams.application-id) must be the Streams app's"
                    + " application id — letters, digits, '.', '_' or '-' (default " + DEFAULT_APPLICATION_ID + ") — but was '"
                    + applicationId + "'");
        }
        if (passes < 1 || passes > EntryDigest.SEGMENTS) {
            throw new IllegalArgumentException("recon.log.passes (--passes) must be between 1 and " + EntryDigest.SEGMENTS
                    + ", but was " + passes);
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("recon.log.read-timeout must be positive, but was " + readTimeout);
        }
    }

    /** The default application id. */
    public ChangeLogSettings(String bootstrapServers, KafkaSecurity security, int passes, Duration readTimeout) {
        this(bootstrapServers, security, DEFAULT_APPLICATION_ID, passes, readTimeout);
    }

    /** A plaintext cluster (the local stack) and the default application id. */
    public ChangeLogSettings(String bootstrapServers, int passes, Duration readTimeout) {
        this(bootstrapServers, KafkaSecurity.PLAINTEXT, passes, readTimeout);
    }

    /** The defaults for a plaintext cluster. */
    public static ChangeLogSettings of(String bootstrapServers) {
        return new ChangeLogSettings(bootstrapServers, DEFAULT_PASSES, DEFAULT_READ_TIMEOUT);
    }

    /** These settings for the Streams app with another application id. */
    public ChangeLogSettings withApplicationId(String id) {
        return new ChangeLogSettings(bootstrapServers, security, id, passes, readTimeout);
    }

    /** The changelog topic of {@code family}'s state store. */
    String changelogTopic(EntityFamily family) {
        return BackboneTopology.stateChangelogTopic(applicationId, family.storeEntity());
    }
}
