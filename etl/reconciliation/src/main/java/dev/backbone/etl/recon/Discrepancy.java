package dev.backbone.etl.recon;

/**
 * One entry where the index and the shards disagree, as re-checked just before reporting.
 *
 * @param family   which index
 * @param kind     MISSING (rows imply it, Redis lacks it), WRONG (different value), EXTRA (no row implies
 *                 it), CONFLICT (rows of two customers imply different values: needs a human)
 * @param key      the entry's relative key
 * @param shard    the shard whose row implies the expected value, or null for EXTRA
 * @param expected the value the rows imply, or null
 * @param found    the value Redis holds, or null
 * @param repaired whether this run fixed it
 */
public record Discrepancy(String family, Kind kind, String key, String shard, String expected, String found, boolean repaired) {

    /** How the two sides differ. */
    public enum Kind { MISSING, WRONG, EXTRA, CONFLICT }

    /** This discrepancy, marked repaired or not. */
    public Discrepancy withRepaired(boolean repairedNow) {
        return new Discrepancy(family, kind, key, shard, expected, found, repairedNow);
    }
}
