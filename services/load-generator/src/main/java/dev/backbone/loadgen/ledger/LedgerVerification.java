package dev.backbone.loadgen.ledger;

import dev.backbone.contracts.EventId;
import java.util.List;

/**
 * What {@link LedgerVerifier} found: the proof (or not) that no acknowledged event was lost.
 *
 * @param ledgered distinct event ids in the ledger
 * @param found of those, ids present in Kafka
 * @param missing ids of the ledger absent from Kafka (at most {@value LedgerVerifier#MAX_REPORTED} listed)
 * @param missingCount how many ids are missing
 * @param misplaced ledgered as written at a partition and offset, but found elsewhere (re-published
 *     duplicates are found at their first position, which must be the ledgered one)
 * @param duplicates records in Kafka beyond the first for a ledgered id (allowed: at-least-once)
 */
public record LedgerVerification(long ledgered, long found, List<EventId> missing, long missingCount, long misplaced, long duplicates) {

    /** Copies the list. */
    public LedgerVerification {
        missing = List.copyOf(missing);
    }

    /** Whether every acknowledged event is in Kafka where the ledger says it is. */
    public boolean complete() {
        return missingCount == 0 && misplaced == 0;
    }
}
