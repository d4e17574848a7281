package dev.backbone.etl.recon;

/**
 * One thing two sides disagree on, as re-checked just before reporting.
 *
 * @param check    which check found it
 * @param family   index checks: which index ({@code email}, {@code order}, {@code order_status}); log and
 *                 ledger checks: which entity ({@code customer}, {@code order}, {@code payment})
 * @param kind     how the sides differ, see {@link Kind}
 * @param key      the index entry's relative key, or the entity ({@code customer:<id>}, {@code order:<customer id>|<order id>},
 *                 {@code payment:<customer id>|<payment id>})
 * @param shard    the shard whose row implies (index) or owns (log, ledger) it, or null
 * @param expected the value the rows imply (index), or the version and deletion the stored state (log) or the
 *                 ledger expects ({@code 7:false}); null when absent
 * @param found    the value Redis holds (index), or the shard row's version and deletion; null when absent
 * @param repaired whether this run fixed it
 * @param note     why it was not repaired, when that needs saying; else null
 */
public record Discrepancy(Check check, String family, Kind kind, String key, String shard, String expected, String found,
                          boolean repaired, String note) {

    /** How the two sides differ. */
    public enum Kind {
        /** Index: the rows imply the entry, Redis lacks it. */
        MISSING,
        /** Index: Redis holds another value. */
        WRONG,
        /** Index: no row implies the entry. */
        EXTRA,
        /** Index: rows of two customers imply different values; needs a human. */
        CONFLICT,
        /** Log: the fold's state store holds the entity, its shard has no row. Repaired from the stored state. */
        ROW_MISSING,
        /** Log: the row's version is older than the stored state's. Repaired from the stored state. */
        ROW_BEHIND,
        /** Log: the row is newer than the stored state. Never repaired backwards. */
        ROW_AHEAD,
        /** Log: same version, different deletion state: altered outside the pipeline. The version guard refuses a repair. */
        ROW_DIFFERS,
        /**
         * Log: the state stores hold no state of the row's entity at all (their changelogs never expire): the
         * pipeline never folded it — written outside the pipeline, or the stores were reset. Never deleted automatically.
         */
        ROW_UNEXPLAINED,
        /** Ledger: an acknowledged entity has no row. Repaired from the stored state when the store has it. */
        LEDGER_MISSING,
        /** Ledger: the row is older than the ledger's latest acknowledged version. Repaired from the stored state when the store has it. */
        LEDGER_BEHIND
    }

    /** An index discrepancy (check 1). */
    public Discrepancy(String family, Kind kind, String key, String shard, String expected, String found, boolean repaired) {
        this(Check.INDEX, family, kind, key, shard, expected, found, repaired, null);
    }

    /** This discrepancy, marked repaired or not. */
    public Discrepancy withRepaired(boolean repairedNow) {
        return new Discrepancy(check, family, kind, key, shard, expected, found, repairedNow, note);
    }

    /** This discrepancy with a note on why it stays. */
    public Discrepancy withNote(String why) {
        return new Discrepancy(check, family, kind, key, shard, expected, found, repaired, why);
    }
}
