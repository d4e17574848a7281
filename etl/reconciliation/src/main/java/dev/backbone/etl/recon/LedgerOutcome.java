package dev.backbone.etl.recon;

import dev.backbone.loadgen.ledger.ExpectedState;

/**
 * How a shard row compares with the state a ledger folds to. Shared by the ledger check and the chaos
 * drills' projection check, so both judge "reflected" the same way. Pure.
 */
public enum LedgerOutcome {
    /** The row is there at exactly the ledger's version and state. */
    MATCHED,
    /** No row: every acknowledged event of the entity is lost to the shards. */
    MISSING,
    /** The row is older than the ledger's latest version: an acknowledged event is not reflected. */
    BEHIND,
    /** The row is newer than (or, at the same version, different from) the ledger: an effect nobody acknowledged. */
    AHEAD;

    /** A customer row ({@code null}: none) against its expected state: version and deletion. */
    public static LedgerOutcome customer(ExpectedState.Customer want, ProjectedRows.Row found) {
        return of(want.sequence(), found, found != null && found.deleted() == want.deleted());
    }

    /** An order row ({@code null}: none) against its expected state: version and status. */
    public static LedgerOutcome order(ExpectedState.Order want, ProjectedRows.Row found) {
        return of(want.sequence(), found, found != null && want.status().name().equals(found.status()));
    }

    /** A payment row ({@code null}: none) against its expected state: version and status. */
    public static LedgerOutcome payment(ExpectedState.Payment want, ProjectedRows.Row found) {
        return of(want.sequence(), found, found != null && want.status().name().equals(found.status()));
    }

    private static LedgerOutcome of(long sequence, ProjectedRows.Row found, boolean sameState) {
        if (found == null) {
            return MISSING;
        }
        if (found.version() == sequence && sameState) {
            return MATCHED;
        }
        return found.version() < sequence ? BEHIND : AHEAD;
    }
}
