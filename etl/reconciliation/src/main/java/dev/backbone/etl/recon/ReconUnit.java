package dev.backbone.etl.recon;

import java.util.Locale;

/**
 * One unit of a run's work, the grain at which a run records progress and resumes: an index family
 * ({@code email}, {@code order}, {@code order_status}), a pass of the log check ({@code pass 2/4}), or
 * the ledger ({@code ledger}). A finished unit's discrepancies are written with its progress row in one
 * transaction (warehouse {@code recon_progress}), so a resumed run skips it without losing or repeating
 * what it found.
 *
 * @param check the check it belongs to
 * @param name  unique within the check; the {@code unit} column of {@code recon_progress} and {@code recon_discrepancy}
 */
public record ReconUnit(Check check, String name) {

    public ReconUnit {
        if (check == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a unit needs a check and a name, but was " + check + " '" + name + "'");
        }
    }

    /** The index check's unit for one family. */
    static ReconUnit index(IndexFamily family) {
        return new ReconUnit(Check.INDEX, family.name().toLowerCase(Locale.ROOT));
    }

    /** Pass {@code index} (0-based) of the log check's {@code passes}: named 1-based, as the progress lines count. */
    static ReconUnit logPass(int index, int passes) {
        SegmentRange.pass(index, passes); // validates
        return new ReconUnit(Check.LOG, "pass " + (index + 1) + "/" + passes);
    }

    /** The ledger check is one unit: its ledger is folded in memory whole anyway. */
    static ReconUnit ledger() {
        return new ReconUnit(Check.LEDGER, "ledger");
    }

    @Override
    public String toString() {
        return check.label() + " " + name;
    }
}
