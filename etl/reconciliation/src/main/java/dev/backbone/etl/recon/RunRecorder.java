package dev.backbone.etl.recon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A run's units as they finish: which are still to do (the plan less what an earlier attempt
 * recorded), recording each in the warehouse as it finishes, telling the listener, and the check
 * outcomes over all of them — so a resumed run ends with the totals of one that was never interrupted.
 */
final class RunRecorder implements UnitSink {

    private final Consumer<UnitOutcome> record;
    private final ReconPlan plan;
    private final ReconListener listener;
    private final Clock clock;
    private final Set<ReconUnit> done = new HashSet<>();
    private final List<UnitOutcome> outcomes = new ArrayList<>();
    private Instant unitStart;

    /**
     * @param record   writes a finished unit to the warehouse ({@link UnitRecords#record}); it must be durable when it returns
     * @param recorded the units earlier attempts of the run recorded (none for a new run)
     */
    RunRecorder(Consumer<UnitOutcome> record, ReconPlan plan, List<UnitOutcome> recorded, ReconListener listener, Clock clock) {
        this.record = record;
        this.plan = plan;
        this.listener = listener;
        this.clock = clock;
        plan.remaining(recorded.stream().map(UnitOutcome::unit).toList()); // refuses units the plan does not know
        recorded.forEach(u -> {
            done.add(u.unit());
            outcomes.add(u);
        });
        this.unitStart = clock.instant();
    }

    /** Whether any unit of {@code check} is still to do. */
    boolean hasPending(Check check) {
        return plan.units(check).stream().anyMatch(this::pending);
    }

    void startCheck(Check check) {
        unitStart = clock.instant();
        List<UnitOutcome> before = outcomes.stream().filter(u -> u.unit().check() == check).toList();
        listener.checkStarted(check, plan.units(check).size(), before.size(), before.stream().mapToLong(UnitOutcome::entriesChecked).sum());
    }

    void finishCheck(Check check) {
        listener.checkFinished(CheckOutcome.of(check, ordered()));
    }

    @Override
    public boolean pending(ReconUnit unit) {
        return plan.contains(unit) && !done.contains(unit);
    }

    @Override
    public void finished(ReconUnit unit, long entriesChecked, int segmentsDiffering, List<Discrepancy> discrepancies) {
        if (!pending(unit)) {
            throw new IllegalStateException(unit + " is not a pending unit of the run: not in its plan, or recorded already");
        }
        Instant now = clock.instant();
        UnitOutcome outcome = new UnitOutcome(unit, entriesChecked, segmentsDiffering, discrepancies, Duration.between(unitStart, now));
        record.accept(outcome);
        done.add(unit);
        outcomes.add(outcome);
        unitStart = now;
        listener.unitFinished(outcome);
    }

    /** Each check of {@code checks} summed over all its units, in run order. */
    List<CheckOutcome> checkOutcomes(Set<Check> checks) {
        List<UnitOutcome> ordered = ordered();
        List<CheckOutcome> result = new ArrayList<>();
        for (Check check : Check.values()) {
            if (checks.contains(check)) {
                result.add(CheckOutcome.of(check, ordered));
            }
        }
        return result;
    }

    private List<UnitOutcome> ordered() {
        return outcomes.stream().sorted(Comparator.comparingInt(u -> plan.position(u.unit()))).toList();
    }
}
