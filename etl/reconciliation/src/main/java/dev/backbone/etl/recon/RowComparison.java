package dev.backbone.etl.recon;

import java.util.Optional;

/**
 * Classifies a shard row against the latest state the change topics hold for it (check 2). Pure.
 *
 * <p>A row no change explains is {@link Discrepancy.Kind#ROW_AHEAD} only while the log is complete
 * (no partition of the change topics has dropped records to retention); past that, the entity's
 * changes may simply have expired, so the row is counted, not reported.
 */
final class RowComparison {

    private RowComparison() {
    }

    /**
     * @param log         the latest change's row, or null when the change topics hold none for the entity
     * @param row         the shard row, or null when there is none
     * @param logComplete whether the change topics still hold every change ever written
     */
    static Optional<Discrepancy.Kind> classify(RowVersion log, RowVersion row, boolean logComplete) {
        if (log == null) {
            return row != null && logComplete ? Optional.of(Discrepancy.Kind.ROW_AHEAD) : Optional.empty();
        }
        if (row == null) {
            return Optional.of(Discrepancy.Kind.ROW_MISSING);
        }
        if (row.version() < log.version()) {
            return Optional.of(Discrepancy.Kind.ROW_BEHIND);
        }
        if (row.version() > log.version()) {
            return Optional.of(Discrepancy.Kind.ROW_AHEAD);
        }
        return row.deleted() == log.deleted() ? Optional.empty() : Optional.of(Discrepancy.Kind.ROW_DIFFERS);
    }

    /** Whether the log holds what a repair needs: only a missing or older row is brought forward. */
    static boolean repairable(Discrepancy.Kind kind) {
        return kind == Discrepancy.Kind.ROW_MISSING || kind == Discrepancy.Kind.ROW_BEHIND;
    }
}
