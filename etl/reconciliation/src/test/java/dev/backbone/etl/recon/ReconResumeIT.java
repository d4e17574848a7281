package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.stack.LocalJvm;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A reconciliation run killed with SIGKILL between units, then resumed: real Kafka state changelogs
 * ({@link StoredStates}, the test's own application id),
 * PostgreSQL shards and warehouse, and a child JVM ({@link PausingReconciliationMain}) that pauses
 * after some units until it is killed. Scoped to the test's customer-id prefix, like
 * {@link LogReconciliationIT}.
 */
@ExtendWith(LocalStackExtension.class)
class ReconResumeIT {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final int PASSES = 4;
    /** Enough drifted customers that the 4 passes (random slices of the key space) all but surely each get some. */
    private static final int MISSING = 24;
    private static final int IN_SYNC = 6;

    private final TestStack stack;
    private StoredStates changelogs;

    @TempDir
    Path work;

    @AfterEach
    void closeWriter() {
        if (changelogs != null) {
            changelogs.close();
        }
    }

    ReconResumeIT(TestStack stack) {
        this.stack = stack;
        stack.kafka();
        stack.postgres();
    }

    @ParameterizedTest(name = "killed after {0} of 4 passes, {1}")
    @CsvSource({"2, dry-run", "4, dry-run", "1, repair"})
    void shouldResumeAKilledRunWithoutRedoingOrDuplicatingItsRecordedUnits(int killAfter, String mode) throws Exception {
        // given customers whose states are stored, most of them without a shard row
        String prefix = stack.uniqueName("rres") + "-";
        changelogs = StoredStates.create(stack, stack.uniqueName("rres-app"));
        List<String> missing = plant(prefix);
        boolean repair = mode.equals("repair");

        // and what an uninterrupted dry run finds
        ReconReport uninterrupted = reconciler().run(options(prefix, false));
        assertThat(uninterrupted.discrepancies()).extracting(Discrepancy::key)
                .containsExactlyInAnyOrderElementsOf(missing.stream().map(id -> "customer:" + id).toList());

        // when a run is killed with SIGKILL after some of its units
        long runId = runAndKill(prefix, mode, killAfter);

        // then it stays RUNNING with exactly those units and their discrepancies recorded
        assertThat(text("SELECT status FROM recon_run WHERE run_id = ?", runId)).isEqualTo("RUNNING");
        List<String> unitsBefore = rows("SELECT unit || ' ' || finished_at FROM recon_progress WHERE run_id = ? ORDER BY unit", runId);
        List<String> foundBefore = rows("SELECT id || ' ' || unit || ' ' || key || ' ' || repaired FROM recon_discrepancy"
                + " WHERE run_id = ? ORDER BY id", runId);
        assertThat(unitsBefore).hasSize(killAfter);

        // when it is resumed — as the newest unfinished run, once its killed process's lock is gone
        StoredRun stored = awaitResumable(runId);
        assertThat(reconciler().resumable(OptionalLong.empty()).runId()).isEqualTo(runId);
        assertThat(stored.describe()).isEqualTo((repair ? "repair" : "dry run") + ", checks log, customer ids '" + prefix + "…', 4 passes");
        assertThat(stored.unitsDone()).isEqualTo(killAfter);
        ReconReport resumed = reconciler().resume(stored, logSettings(stored.passes()));

        // then the recorded units were not redone: their rows and discrepancies are untouched, none twice
        assertThat(resumed.runId()).isEqualTo(runId);
        assertThat(rows("SELECT unit || ' ' || finished_at FROM recon_progress WHERE run_id = ? ORDER BY unit", runId))
                .hasSize(PASSES).containsAll(unitsBefore);
        List<String> foundAfter = rows("SELECT id || ' ' || unit || ' ' || key || ' ' || repaired FROM recon_discrepancy"
                + " WHERE run_id = ? ORDER BY id", runId);
        assertThat(foundAfter).startsWith(foundBefore.toArray(String[]::new));
        assertThat(rows("SELECT key FROM recon_discrepancy WHERE run_id = ?", runId)).doesNotHaveDuplicates()
                .hasSameSizeAs(uninterrupted.discrepancies());

        // and the run ends as the uninterrupted one: the same discrepancies, totals and status
        assertThat(resumed.discrepancies()).extracting(d -> d.kind() + " " + d.key())
                .containsExactlyInAnyOrderElementsOf(uninterrupted.discrepancies().stream().map(d -> d.kind() + " " + d.key()).toList());
        assertThat(resumed.entriesChecked()).isEqualTo(uninterrupted.entriesChecked());
        assertThat(text("SELECT entries_checked || ' ' || discrepancies || ' ' || segments_differing FROM recon_run WHERE run_id = ?",
                runId)).isEqualTo(text("SELECT entries_checked || ' ' || discrepancies || ' ' || segments_differing FROM recon_run"
                + " WHERE run_id = ?", uninterrupted.runId()));
        assertThat(text("SELECT status || ' ' || resumes || ' ' || unrepaired FROM recon_run WHERE run_id = ?", runId))
                .isEqualTo(repair ? "REPAIRED 1 0" : "DRIFT 1 " + MISSING);
        assertThat(rows("SELECT unit FROM recon_discrepancy WHERE run_id = ? AND unit IS NULL", runId)).isEmpty();

        // and a finished run cannot be resumed again
        assertThatThrownBy(() -> reconciler().resumable(OptionalLong.of(runId)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is finished");

        // and after a resumed repair, the rows are there and a new run is clean
        if (repair) {
            assertThat(resumed.discrepancies()).allMatch(Discrepancy::repaired);
            ReconReport after = reconciler().run(options(prefix, false));
            assertThat(after.discrepancies()).isEmpty();
            assertThat(text("SELECT status FROM recon_run WHERE run_id = ?", after.runId())).isEqualTo("CLEAN");
        }
    }

    /** Starts the run in a child JVM, waits until it has recorded {@code killAfter} units, kills it with SIGKILL; the run's id. */
    private long runAndKill(String prefix, String mode, int killAfter) throws Exception {
        Path marker = work.resolve("paused");
        List<String> command = LocalJvm.command("256m");
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PausingReconciliationMain.class.getName(), stack.layout().warehouseJdbcUrl(), stack.layout().redisSentinelUri(),
                stack.kafka().bootstrapServers(), prefix, String.valueOf(PASSES), mode, String.valueOf(killAfter), marker.toString(),
                changelogs.logSettings(PASSES).applicationId()));
        command.addAll(stack.layout().shardJdbcUrls().values());
        Path childLog = work.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.exists(marker)).as("child paused after %d units; see %s", killAfter, childLog).isTrue();
            assertThat(child.isAlive()).isTrue();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return Long.parseLong(text("SELECT max(run_id) FROM recon_run WHERE id_prefix = ?", prefix));
    }

    /** The run, once the warehouse has noticed its process is gone (its lock goes with the connection). */
    private StoredRun awaitResumable(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return reconciler().resumable(OptionalLong.of(runId));
            } catch (IllegalArgumentException e) {
                if (!e.getMessage().contains("still being worked on") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stores every customer's state; writes rows only for the in-sync ones. The missing ones' ids. */
    private List<String> plant(String prefix) throws Exception {
        List<String> missing = new ArrayList<>();
        ShardBatch rows = new ShardBatch();
        List<CustomerState> states = new ArrayList<>();
        for (int i = 0; i < MISSING + IN_SYNC; i++) {
            String id = prefix + "c" + i;
            CustomerState state = new CustomerState(id, id + "@example.test", "Test Customer", false, 1, AT, AT.plusSeconds(1));
            states.add(state);
            if (i < MISSING) {
                missing.add(id);
            } else {
                rows.addCustomerRow(state);
            }
        }
        changelogs.customers(states.toArray(CustomerState[]::new));
        write(rows);
        return missing;
    }

    private void write(ShardBatch batch) throws Exception {
        ShardRouter router = new ShardRouter(stack.layout().shardCount());
        for (Map.Entry<ShardId, String> shard : stack.layout().shardJdbcUrls().entrySet()) {
            ShardBatch mine = new ShardBatch();
            batch.customers().stream().filter(c -> router.shardFor(c.customerId()).equals(shard.getKey()))
                    .forEach(mine::addCustomerRow);
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(shard.getValue());
            dataSource.setUser("backbone");
            try (JdbcShardWriter writer = new JdbcShardWriter(dataSource)) {
                writer.write(mine);
            }
        }
    }

    private Reconciler reconciler() {
        ReconSettings settings = new ReconSettings(stack.layout().shardJdbcUrls(), stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), "unused:", Duration.ofSeconds(5));
        return new Reconciler(settings, line -> { });
    }

    private ReconOptions options(String prefix, boolean repair) {
        return new ReconOptions(Set.of(Check.LOG), repair, logSettings(PASSES), null, prefix);
    }

    private ChangeLogSettings logSettings(int passes) {
        return changelogs.logSettings(passes);
    }

    private String text(String sql, Object parameter) throws Exception {
        List<String> rows = rows(sql, parameter);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private List<String> rows(String sql, Object parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.layout().warehouseJdbcUrl(), "backbone", "");
             PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, parameter);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
