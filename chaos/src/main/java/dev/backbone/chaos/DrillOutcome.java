package dev.backbone.chaos;

import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.verify.Verification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a drill run produced.
 *
 * @param drill the drill's name
 * @param expectation what the seeds expect
 * @param mode short or full
 * @param failure why the drill itself failed (did not heal or converge), if it did
 * @param verification the checks against the ledger (absent if the drill failed before them)
 * @param figures the drill's own figures and the runner's (time to recover, peaks)
 * @param timeline rows and marks
 * @param probe every probe answer
 * @param duration the whole run
 * @param reportDir where the report was written (set by the runner after writing)
 */
public record DrillOutcome(String drill, String expectation, DrillMode mode, Optional<String> failure,
        Optional<Verification> verification, Map<String, String> figures, Timeline timeline, List<ProbeResult> probe,
        Duration duration, Path reportDir) {

    public DrillOutcome {
        figures = Map.copyOf(figures);
        probe = List.copyOf(probe);
    }

    /** Every reason the drill did not pass; empty when it passed. */
    public List<String> failures() {
        List<String> all = new ArrayList<>();
        failure.ifPresent(all::add);
        verification.ifPresentOrElse(v -> all.addAll(v.failures()), () -> all.add("not verified"));
        return all;
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
