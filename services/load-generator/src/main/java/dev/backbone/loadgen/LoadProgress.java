package dev.backbone.loadgen;

import java.time.Duration;

/**
 * A snapshot of a running (or finished) load run.
 *
 * @param published events handed to the publisher
 * @param acknowledged acknowledged events already synced to the ledger (Kafka or buffered)
 * @param buffered of those, acknowledged by the SDK journal rather than Kafka
 * @param failed events whose publish failed (not acknowledged, not in the ledger)
 * @param elapsed time since the run started
 */
public record LoadProgress(long published, long acknowledged, long buffered, long failed, Duration elapsed) {

    /** Published events per second over the whole run so far. */
    public double publishRate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : published / seconds;
    }
}
