package dev.backbone.etl.recon;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The three things reconciliation proves agree; {@link #label()} is the name on the command line and in the warehouse. */
public enum Check {

    /** Shard rows against the fold's latest stored state, in its changelogs (issue 6, check 2). Runs first: its repairs change rows. */
    LOG,
    /** Every entity of a ledger reflected in the shards (check 3); repairs come from the stored state. */
    LEDGER,
    /** The Redis index against the index the shard rows imply (check 1). Runs last, over the repaired rows. */
    INDEX;

    /** {@code log}, {@code ledger}, {@code index}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma-separated list such as {@code index,log}.
     *
     * @throws IllegalArgumentException naming {@code --checks}, the bad value and the valid ones
     */
    public static Set<Check> parseList(String list) {
        Set<Check> checks = EnumSet.noneOf(Check.class);
        for (String item : list == null ? new String[0] : list.split(",", -1)) {
            String name = item.strip();
            try {
                checks.add(Check.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--checks: unknown check '" + name
                        + "'; use a comma-separated list of index, log, ledger (e.g. --checks index,log)", e);
            }
        }
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("--checks must name at least one of index, log, ledger");
        }
        return checks;
    }
}
