package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which run --resume continues, and with which options. */
class StoredRunTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final ChangeLogSettings LOG = ChangeLogSettings.of("localhost:9092");

    @TempDir
    Path dir;

    @Test
    void shouldSayThereIsNothingToResumeWhenNoRunIsUnfinished() {
        assertThatThrownBy(() -> StoredRun.toResume(OptionalLong.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--resume: no unfinished run").hasMessageContaining("without --resume");
        assertThatThrownBy(() -> StoredRun.toResume(OptionalLong.of(99), Optional.empty()))
                .hasMessageContaining("--resume 99: there is no run 99");
    }

    @Test
    void shouldRefuseToResumeAFinishedRun() {
        StoredRun finished = run("DRIFT", "backbone:idx:", null);

        assertThatThrownBy(() -> StoredRun.toResume(OptionalLong.of(7), Optional.of(finished)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--resume 7: run 7 is finished (DRIFT").hasMessageContaining("only a RUNNING run");
    }

    @Test
    void shouldRefuseARunRecordedBeforeRunsStoredTheirOptions() {
        assertThatThrownBy(() -> StoredRun.toResume(OptionalLong.empty(), Optional.of(run("RUNNING", null, null))))
                .hasMessageContaining("run 7 was recorded before runs could be resumed");
    }

    @Test
    void shouldResumeARunningRunWithTheOptionsItStartedWith() throws Exception {
        Path ledger = Files.writeString(dir.resolve("l.tsv"), "# backbone-ledger v1\n");
        StoredRun running = StoredRun.toResume(OptionalLong.empty(), Optional.of(run("RUNNING", "backbone:idx:", ledger)));

        ReconOptions options = running.options(new ChangeLogSettings("localhost:9092", 8, ChangeLogSettings.DEFAULT_READ_TIMEOUT));

        assertThat(options.checks()).containsExactlyInAnyOrder(Check.LOG, Check.LEDGER, Check.INDEX);
        assertThat(options.repair()).isTrue();
        assertThat(options.idPrefix()).isEqualTo("t-1");
        assertThat(options.ledger()).isEqualTo(ledger);
        assertThat(running.unitsTotal()).isEqualTo(8 + 1 + 3);
        assertThat(running.describe()).isEqualTo("repair, checks log,ledger,index, customer ids 't-1…', 8 passes, ledger " + ledger
                + ", index prefix backbone:idx:");
    }

    @Test
    void shouldRefuseOtherPassesOrALedgerThatIsGone() {
        StoredRun running = run("RUNNING", "backbone:idx:", dir.resolve("gone.tsv"));

        assertThatThrownBy(() -> running.options(LOG)).hasMessageContaining("run 7 compares the log in 8 passes");
        assertThatThrownBy(() -> running.options(new ChangeLogSettings("localhost:9092", 8, ChangeLogSettings.DEFAULT_READ_TIMEOUT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run 7 cannot be resumed as it started").hasMessageContaining("gone.tsv: no such file");
    }

    private static StoredRun run(String status, String keyPrefix, Path ledger) {
        return new StoredRun(7, status, STARTED, status.equals("RUNNING") ? null : STARTED.plusSeconds(60),
                Set.of(Check.LOG, Check.LEDGER, Check.INDEX), true, "t-1", 8, ledger, keyPrefix, 0, 3);
    }
}
