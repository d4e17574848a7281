package dev.backbone.chaos.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every drill ends with, against the ledger of acknowledged events.
 *
 * @param ledgeredEvents distinct acknowledged event ids in the drill's ledgers
 * @param projection shard rows against the ledger fold
 * @param driftFound index ⇄ shards discrepancies the dry run found
 * @param unrepaired discrepancies still there after the repair run
 * @param wrongAnswers probe answers the ledger contradicts, or unexpected statuses
 * @param probeAnswers probe answers in all
 * @param unconfirmed events without an outcome when the workload stopped (may be in Kafka unledgered)
 * @param workloadFailures load stream threads that failed (a broken workload, not a failed publish)
 */
public record Verification(long ledgeredEvents, ProjectionCheck.Progress projection, long driftFound, long unrepaired,
        long wrongAnswers, long probeAnswers, long unconfirmed, List<String> workloadFailures) {

    public Verification {
        workloadFailures = List.copyOf(workloadFailures);
    }

    /** Acknowledged events the shards do not reflect. */
    public long lost() {
        return projection.behind();
    }

    /**
     * Effects no acknowledged event explains: rows ahead of the ledger or not in it. Publishes whose
     * outcome was unknown when the workload stopped may explain some; none may remain otherwise.
     */
    public long unexplainedEffects() {
        return projection.ahead() + projection.unexplained();
    }

    /** Why the drill failed; empty when it passed. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (lost() > 0) {
            failures.add(lost() + " ledgered entities not at their ledgered version in their shard (lost acknowledged events)");
        }
        if (unexplainedEffects() > unconfirmed) {
            failures.add(unexplainedEffects() + " shard rows no ledgered event explains (duplicated effects), more than the "
                    + unconfirmed + " publishes left unconfirmed");
        }
        if (!projection.complete() && lost() == 0) {
            failures.add("projection incomplete: customers " + projection.customersMatched() + "/" + projection.customers()
                    + ", orders " + projection.ordersMatched() + "/" + projection.orders()
                    + ", payments " + projection.paymentsMatched() + "/" + projection.payments());
        }
        if (unrepaired > 0) {
            failures.add(unrepaired + " index discrepancies left after repair");
        }
        if (wrongAnswers > 0) {
            failures.add(wrongAnswers + " wrong query answers");
        }
        if (ledgeredEvents == 0) {
            failures.add("no acknowledged events: the workload did not run");
        }
        workloadFailures.forEach(f -> failures.add("workload failed: " + f));
        return failures;
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
