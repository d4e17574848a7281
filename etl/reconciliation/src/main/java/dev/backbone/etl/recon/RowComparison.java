package dev.backbone.etl.recon;

import java.util.Optional;

/**
 * Classifies a shard row against the latest state the fold stored for its entity (check 2). Pure.
 *
 * <p>The stores' changelogs never expire, so a row without any stored state is drift however old it
 * is: {@link Discrepancy.Kind#ROW_UNEXPLAINED}, not {@link Discrepancy.Kind#ROW_AHEAD} — nothing the
 * pipeline ever folded put it there.
 */
final class RowComparison {

    private RowComparison() {
    }

    /**
     * @param stored the row the entity's latest stored state implies, or null when the stores hold no state of it
     * @param row    the shard row, or null when there is none
     */
    static Optional<Discrepancy.Kind> classify(RowVersion stored, RowVersion row) {
        if (stored == null) {
            return row != null ? Optional.of(Discrepancy.Kind.ROW_UNEXPLAINED) : Optional.empty();
        }
        if (row == null) {
            return Optional.of(Discrepancy.Kind.ROW_MISSING);
        }
        if (row.version() < stored.version()) {
            return Optional.of(Discrepancy.Kind.ROW_BEHIND);
        }
        if (row.version() > stored.version()) {
            return Optional.of(Discrepancy.Kind.ROW_AHEAD);
        }
        return row.deleted() == stored.deleted() ? Optional.empty() : Optional.of(Discrepancy.Kind.ROW_DIFFERS);
    }

    /** Whether the stored state is what a repair needs: only a missing or older row is brought forward. */
    static boolean repairable(Discrepancy.Kind kind) {
        return kind == Discrepancy.Kind.ROW_MISSING || kind == Discrepancy.Kind.ROW_BEHIND;
    }
}
