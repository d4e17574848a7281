package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The skip-recorded-units logic of a resumed run, without a warehouse: the store is a list. */
class RunRecorderTest {

    private static final Set<Check> CHECKS = Set.of(Check.LOG, Check.INDEX);
    private static final ReconPlan PLAN = ReconPlan.of(CHECKS, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final List<UnitOutcome> stored = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    @Test
    void shouldSkipTheRecordedUnitsAndEndWithTheTotalsOfAnUninterruptedRun() {
        // given an uninterrupted run over every unit
        RunRecorder uninterrupted = new RunRecorder(stored::add, PLAN, List.of(), listener(), CLOCK);
        work(uninterrupted);
        List<CheckOutcome> expected = uninterrupted.checkOutcomes(CHECKS);
        List<UnitOutcome> firstAttempt = List.copyOf(stored.subList(0, 3)); // killed after pass 1, pass 2, email
        stored.clear();
        heard.clear();

        // when a resumed run starts from what the first attempt recorded
        RunRecorder resumed = new RunRecorder(stored::add, PLAN, firstAttempt, listener(), CLOCK);
        List<ReconUnit> worked = work(resumed);

        // then it does and records only the rest, and sums to the same outcome
        assertThat(worked).extracting(ReconUnit::toString).containsExactly("index order", "index order_status");
        assertThat(stored).extracting(u -> u.unit().toString()).containsExactly("index order", "index order_status");
        assertThat(resumed.checkOutcomes(CHECKS)).usingRecursiveComparison().isEqualTo(expected);
        assertThat(heard).containsExactly("started log 2/2 entries 30", "finished log 1", "started index 1/3 entries 30",
                "unit index order", "unit index order_status", "finished index 9");
    }

    @Test
    void shouldRefuseToRecordAUnitTwiceOrOneOutsideThePlan() {
        RunRecorder recorder = new RunRecorder(stored::add, PLAN, List.of(outcome(ReconUnit.logPass(0, 2), 10, 0)), listener(), CLOCK);

        assertThat(recorder.pending(ReconUnit.logPass(0, 2))).isFalse();
        assertThatThrownBy(() -> recorder.finished(ReconUnit.logPass(0, 2), 1, 0, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recorder.finished(ReconUnit.ledger(), 1, 0, List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(stored).isEmpty();
    }

    /** What Reconciler does with the checks: each check's pending units, each finished with made-up findings. */
    private static List<ReconUnit> work(RunRecorder recorder) {
        List<ReconUnit> worked = new ArrayList<>();
        for (Check check : List.of(Check.LOG, Check.INDEX)) {
            recorder.startCheck(check);
            for (ReconUnit unit : PLAN.units(check)) {
                if (recorder.pending(unit)) {
                    worked.add(unit);
                    int n = PLAN.units().indexOf(unit);
                    UnitOutcome made = outcome(unit, 10L * (n + 1), n);
                    recorder.finished(unit, made.entriesChecked(), made.segmentsDiffering(), made.discrepancies());
                }
            }
            recorder.finishCheck(check);
        }
        return worked;
    }

    /** A unit with {@code drift} discrepancies, one of them repaired. */
    private static UnitOutcome outcome(ReconUnit unit, long entries, int drift) {
        List<Discrepancy> found = new ArrayList<>();
        for (int i = 0; i < drift; i++) {
            found.add(new Discrepancy(unit.check(), "order", Discrepancy.Kind.ROW_BEHIND, unit.name() + "#" + i, "shard_0", "2:false",
                    "1:false", i == 0, null));
        }
        return new UnitOutcome(unit, entries, drift, found, Duration.ZERO);
    }

    private ReconListener listener() {
        return new ReconListener() {
            @Override
            public void checkStarted(Check check, int units, int unitsDone, long entriesDone) {
                heard.add("started " + check.label() + " " + unitsDone + "/" + units + " entries " + entriesDone);
            }

            @Override
            public void unitFinished(UnitOutcome unit) {
                heard.add("unit " + unit.unit());
            }

            @Override
            public void checkFinished(CheckOutcome outcome) {
                heard.add("finished " + outcome.check().label() + " " + outcome.discrepancies().size());
            }

            @Override
            public void detail(String line) {
                heard.add(line);
            }
        };
    }
}
