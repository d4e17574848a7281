package dev.backbone.loadgen;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a load run.
 *
 * @param progress the final counts and elapsed time
 * @param unconfirmed events still without an outcome when the drain timeout passed; they may
 *     have been acknowledged without being in the ledger
 * @param failuresByCause failed publishes by exception (and reason) name
 * @param ledger the ledger file
 * @param idPrefix the id prefix of the run's customers, orders and payments
 */
public record LoadSummary(LoadProgress progress, long unconfirmed, Map<String, Long> failuresByCause, Path ledger, String idPrefix) {

    /** Copies the map. */
    public LoadSummary {
        failuresByCause = Map.copyOf(failuresByCause);
    }
}
