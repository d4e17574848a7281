package dev.backbone.etl.recon;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes and reads {@code recon_run} in the warehouse (see docs/warehouse.md): a run's options when it
 * starts, its totals and status when it ends. Units and discrepancies are {@link UnitRecords}'.
 */
final class ReconRuns {

    private static final String SELECT_RUN = """
            SELECT r.run_id, r.status, r.started_at, r.finished_at, r.checks, r.mode, r.id_prefix, r.passes, r.ledger,
                   r.key_prefix, r.resumes, (SELECT count(*) FROM recon_progress p WHERE p.run_id = r.run_id)
            FROM recon_run r""";

    private final ReconSettings settings;

    ReconRuns(ReconSettings settings) {
        this.settings = settings;
    }

    /** Records a new {@code RUNNING} run with its options and takes its lease. */
    RunLease start(ReconOptions options, String indexKeyPrefix) {
        String checks = String.join(",", Arrays.stream(Check.values()).filter(options.checks()::contains).map(Check::label).toList());
        try {
            Connection c = connect();
            long runId;
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO recon_run (started_at, mode, status, checks, id_prefix, passes, ledger, key_prefix)
                    VALUES (now(), ?, 'RUNNING', ?, ?, ?, ?, ?) RETURNING run_id""")) {
                insert.setString(1, options.repair() ? "REPAIR" : "DRY_RUN");
                insert.setString(2, checks);
                insert.setString(3, options.idPrefix());
                if (options.log() == null) {
                    insert.setNull(4, Types.INTEGER);
                } else {
                    insert.setInt(4, options.log().passes());
                }
                // Absolute: a resume may run from another working directory.
                insert.setString(5, options.ledger() == null ? null : options.ledger().toAbsolutePath().toString());
                insert.setString(6, indexKeyPrefix);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    runId = rs.getLong(1);
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            RunLease lease = RunLease.tryTake(c, runId);
            if (lease == null) {
                // Nobody else knows the new id yet, so the lock should be free: something else uses its keys.
                throw new IllegalStateException("the lock of new reconciliation run " + runId + " is held by another session");
            }
            return lease;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the reconciliation run in the warehouse: " + e.getMessage(), e);
        }
    }

    /** The run {@code runId}, or with an empty id the newest {@code RUNNING} one. */
    Optional<StoredRun> find(OptionalLong runId) {
        String sql = SELECT_RUN + (runId.isPresent() ? " WHERE r.run_id = ?" : " WHERE r.status = 'RUNNING' ORDER BY r.run_id DESC LIMIT 1");
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement(sql)) {
            if (runId.isPresent()) {
                query.setLong(1, runId.getAsLong());
            }
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(storedRun(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read reconciliation runs from the warehouse: " + e.getMessage(), e);
        }
    }

    /** Whether a live process holds the run's lease (a killed one has lost it with its connection). */
    boolean heldElsewhere(long runId) {
        try (RunLease probe = RunLease.tryTake(connect(), runId)) {
            return probe == null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check reconciliation run " + runId + " in the warehouse: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the lease of a run to resume and counts the resume.
     *
     * @throws IllegalStateException when another process holds it, or it finished meanwhile
     */
    RunLease claim(long runId) {
        try {
            RunLease lease = RunLease.tryTake(connect(), runId);
            if (lease == null) {
                throw new IllegalStateException("run " + runId + " is being worked on by another process (it holds the run's lock in"
                        + " the warehouse): wait for it, or stop it first");
            }
            try (Connection c = connect(); PreparedStatement update = c.prepareStatement(
                    "UPDATE recon_run SET resumes = resumes + 1 WHERE run_id = ? AND status = 'RUNNING'")) {
                update.setLong(1, runId);
                if (update.executeUpdate() != 1) {
                    lease.close();
                    throw new IllegalStateException("run " + runId + " finished before it could be resumed");
                }
            }
            return lease;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot resume reconciliation run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Ends a {@code RUNNING} run: its status and totals, those of every unit it recorded. */
    void finish(ReconReport report, String status, String detail) {
        try (Connection c = connect(); PreparedStatement update = c.prepareStatement("""
                UPDATE recon_run SET finished_at = now(), status = ?, entries_checked = ?, segments_differing = ?,
                    discrepancies = ?, unrepaired = ?, detail = ? WHERE run_id = ? AND status = 'RUNNING'""")) {
            update.setString(1, status);
            update.setLong(2, report.entriesChecked());
            update.setInt(3, report.segmentsDiffering());
            update.setInt(4, report.discrepancies().size());
            update.setLong(5, report.unrepaired());
            update.setString(6, detail);
            update.setLong(7, report.runId());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the reconciliation result in the warehouse: " + e.getMessage(), e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.warehouseJdbcUrl(), settings.warehouseUser(), settings.warehousePassword());
    }

    private static StoredRun storedRun(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(4);
        int passes = rs.getInt(8);
        // No passes stored: the run read no log, so any count will do.
        passes = rs.wasNull() ? ChangeLogSettings.DEFAULT_PASSES : passes;
        String ledger = rs.getString(9);
        return new StoredRun(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), finished == null ? null : finished.toInstant(),
                Check.parseList(rs.getString(5)), rs.getString(6).equals("REPAIR"), rs.getString(7), passes,
                ledger == null ? null : Path.of(ledger), rs.getString(10), rs.getInt(11), rs.getInt(12));
    }
}
