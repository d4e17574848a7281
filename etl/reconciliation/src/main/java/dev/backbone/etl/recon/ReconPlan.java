package dev.backbone.etl.recon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every unit a run's options call for, in the order they run: the log check's passes, the ledger,
 * the index families ({@link Check} order). A resumed run derives the same plan from the options
 * stored with it, and does only the units not yet recorded.
 */
final class ReconPlan {

    private final List<ReconUnit> units;
    /** Each unit's place in {@link #units}: up to 65,536 passes, so no linear look-ups. */
    private final Map<ReconUnit, Integer> positions = new HashMap<>();

    private ReconPlan(List<ReconUnit> units) {
        this.units = List.copyOf(units);
        for (int i = 0; i < units.size(); i++) {
            positions.put(units.get(i), i);
        }
    }

    /** @param passes the log check's passes (ignored without it) */
    static ReconPlan of(Set<Check> checks, int passes) {
        List<ReconUnit> units = new ArrayList<>();
        for (Check check : Check.values()) {
            if (!checks.contains(check)) {
                continue;
            }
            switch (check) {
                case LOG -> {
                    for (int pass = 0; pass < passes; pass++) {
                        units.add(ReconUnit.logPass(pass, passes));
                    }
                }
                case LEDGER -> units.add(ReconUnit.ledger());
                case INDEX -> {
                    for (IndexFamily family : IndexFamily.values()) {
                        units.add(ReconUnit.index(family));
                    }
                }
            }
        }
        return new ReconPlan(units);
    }

    static ReconPlan of(ReconOptions options) {
        return of(options.checks(), options.log() == null ? 1 : options.log().passes());
    }

    List<ReconUnit> units() {
        return units;
    }

    boolean contains(ReconUnit unit) {
        return positions.containsKey(unit);
    }

    /** Where {@code unit} runs in the plan; -1 when it is not in it. */
    int position(ReconUnit unit) {
        return positions.getOrDefault(unit, -1);
    }

    List<ReconUnit> units(Check check) {
        return units.stream().filter(u -> u.check() == check).toList();
    }

    /**
     * The units still to do, in run order.
     *
     * @param done the units the run has recorded
     * @throws IllegalStateException when a recorded unit is not in the plan: the stored options and the
     *                               progress disagree, and skipping by them could leave work undone
     */
    List<ReconUnit> remaining(Collection<ReconUnit> done) {
        Set<ReconUnit> recorded = Set.copyOf(done);
        Set<ReconUnit> unknown = new HashSet<>(recorded);
        unknown.removeIf(this::contains);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("recorded units " + unknown + " are not among the run's units " + units
                    + ": its stored options do not match its progress");
        }
        return units.stream().filter(u -> !recorded.contains(u)).toList();
    }
}
