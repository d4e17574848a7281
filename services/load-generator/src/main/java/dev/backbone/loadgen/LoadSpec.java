package dev.backbone.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What one load run does, validated when built: an invalid setting fails with a message naming
 * its key and value. A run stops at {@code maxEvents} or after {@code maxDuration}, whichever
 * comes first, then waits up to {@code drainTimeout} for outstanding acknowledgements.
 *
 * @param customers customers in the workload ({@code load.customers}, >= 1)
 * @param ratePerSecond target publish rate ({@code load.rate}, events/s, > 0)
 * @param maxEvents most events to publish ({@code load.max-events}, >= 1)
 * @param maxDuration longest time to publish ({@code load.duration}, > 0)
 * @param ledger the ledger file to append acknowledged events to ({@code load.ledger}, required)
 * @param idPrefix prefix of every customer, order and payment id ({@code load.id-prefix},
 *     {@code [a-z0-9-]{1,40}}); a unique prefix per run keeps runs apart
 * @param seed seed of the event mix ({@code load.seed}): the same seed yields the same events
 * @param maxInFlight most events published but not yet in the ledger ({@code load.max-in-flight}, >= 1)
 * @param drainTimeout how long the end of a run waits for outstanding acknowledgements
 *     ({@code load.drain-timeout}, > 0)
 * @param progressInterval how often progress is reported ({@code load.progress-interval}, > 0)
 */
public record LoadSpec(int customers, double ratePerSecond, long maxEvents, Duration maxDuration, Path ledger, String idPrefix,
        long seed, int maxInFlight, Duration drainTimeout, Duration progressInterval) {

    /** Default {@link #maxInFlight()}. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2_000;
    /** Default {@link #drainTimeout()}. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(90);
    /** Default {@link #progressInterval()}. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern ID_PREFIX = Pattern.compile("[a-z0-9-]{1,40}");

    /** Validates every setting. */
    public LoadSpec {
        if (customers < 1) {
            throw new IllegalArgumentException("load.customers must be >= 1 but was " + customers);
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("load.rate must be > 0 events/s but was " + ratePerSecond);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("load.max-events must be >= 1 but was " + maxEvents);
        }
        positive("load.duration", maxDuration);
        if (ledger == null) {
            throw new IllegalArgumentException("load.ledger must be set but was null");
        }
        if (idPrefix == null || !ID_PREFIX.matcher(idPrefix).matches()) {
            throw new IllegalArgumentException("load.id-prefix must match [a-z0-9-]{1,40} but was '" + idPrefix + "'");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("load.max-in-flight must be >= 1 but was " + maxInFlight);
        }
        positive("load.drain-timeout", drainTimeout);
        positive("load.progress-interval", progressInterval);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be > 0 but was " + value);
        }
    }

    /** A builder; customers, rate, a bound and the ledger are the settings a caller usually sets. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LoadSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int customers = 1_000;
        private double ratePerSecond = 1_000;
        private long maxEvents = Long.MAX_VALUE;
        private Duration maxDuration = Duration.ofDays(365);
        private Path ledger;
        private String idPrefix = "load-" + Long.toString(System.currentTimeMillis(), 36);
        private long seed = 42;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

        private Builder() {
        }

        /** See {@link LoadSpec#customers()} (default 1000). */
        public Builder customers(int value) {
            customers = value;
            return this;
        }

        /** See {@link LoadSpec#ratePerSecond()} (default 1000). */
        public Builder ratePerSecond(double value) {
            ratePerSecond = value;
            return this;
        }

        /** See {@link LoadSpec#maxEvents()} (default unbounded: the duration bounds the run). */
        public Builder maxEvents(long value) {
            maxEvents = value;
            return this;
        }

        /** See {@link LoadSpec#maxDuration()} (default one year: the event count bounds the run). */
        public Builder maxDuration(Duration value) {
            maxDuration = value;
            return this;
        }

        /** See {@link LoadSpec#ledger()}. */
        public Builder ledger(Path value) {
            ledger = value;
            return this;
        }

        /** See {@link LoadSpec#idPrefix()} (default {@code load-<current time, base 36>}). */
        public Builder idPrefix(String value) {
            idPrefix = value;
            return this;
        }

        /** See {@link LoadSpec#seed()} (default 42). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** See {@link LoadSpec#maxInFlight()}. */
        public Builder maxInFlight(int value) {
            maxInFlight = value;
            return this;
        }

        /** See {@link LoadSpec#drainTimeout()}. */
        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        /** See {@link LoadSpec#progressInterval()}. */
        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        /** Validates and builds. */
        public LoadSpec build() {
            return new LoadSpec(customers, ratePerSecond, maxEvents, maxDuration, ledger, idPrefix, seed, maxInFlight, drainTimeout,
                    progressInterval);
        }
    }
}
