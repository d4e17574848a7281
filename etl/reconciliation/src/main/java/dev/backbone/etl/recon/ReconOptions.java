package dev.backbone.etl.recon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one reconciliation run checks and whether it repairs. Validated on construction: errors name
 * the command-line flag and how to fix it.
 *
 * @param checks   the checks to run (run in the order of {@link Check}: log, ledger, index)
 * @param repair   fix what differs ({@code --repair}); otherwise report only ({@code --dry-run})
 * @param log      how to read the Streams app's state changelogs; required by the log and ledger checks
 * @param ledger   the ledger file of the ledger check ({@code --ledger}), else null
 * @param idPrefix only customers whose id starts with this are compared by the log check, and only
 *                 their rows and changes ({@code --id-prefix}; empty: all)
 */
public record ReconOptions(Set<Check> checks, boolean repair, ChangeLogSettings log, Path ledger, String idPrefix) {

    public ReconOptions {
        if (checks == null || checks.isEmpty()) {
            throw new IllegalArgumentException("--checks must name at least one of index, log, ledger");
        }
        checks = Set.copyOf(EnumSet.copyOf(checks));
        if ((checks.contains(Check.LOG) || checks.contains(Check.LEDGER)) && log == null) {
            throw new IllegalArgumentException("the log and ledger checks read the Streams app's state changelogs: give Kafka's bootstrap servers");
        }
        if (checks.contains(Check.LEDGER)) {
            if (ledger == null) {
                throw new IllegalArgumentException("--checks ledger needs --ledger FILE: the ledger a load run or drill wrote"
                        + " (./backbone load prints its path)");
            }
            if (!Files.isRegularFile(ledger)) {
                throw new IllegalArgumentException("--ledger " + ledger + ": no such file; pass the ledger a load run or drill"
                        + " wrote (./backbone load prints its path)");
            }
        } else if (ledger != null) {
            throw new IllegalArgumentException("--ledger " + ledger + " given but --checks leaves out 'ledger': add it, or drop --ledger");
        }
        idPrefix = idPrefix == null ? "" : idPrefix;
    }

    /** The index check alone: what {@link Reconciler#run(boolean)} did before the log and ledger checks existed. */
    public static ReconOptions indexOnly(boolean repair) {
        return new ReconOptions(Set.of(Check.INDEX), repair, null, null, "");
    }

    /** Whether {@code customerId} is in this run's scope. */
    boolean inScope(String customerId) {
        return customerId.startsWith(idPrefix);
    }
}
