package dev.backbone.etl.recon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Writes {@code recon_run} and {@code recon_discrepancy} in the warehouse (see docs/warehouse.md). */
final class ReconRuns {

    private final ReconSettings settings;

    ReconRuns(ReconSettings settings) {
        this.settings = settings;
    }

    long start(ReconOptions options) {
        String checks = String.join(",", Arrays.stream(Check.values()).filter(options.checks()::contains).map(Check::label).toList());
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO recon_run (started_at, mode, status, checks) VALUES (now(), ?, 'RUNNING', ?) RETURNING run_id")) {
            insert.setString(1, options.repair() ? "REPAIR" : "DRY_RUN");
            insert.setString(2, checks);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the reconciliation run in the warehouse: " + e.getMessage(), e);
        }
    }

    void finish(ReconReport report, String status, String detail) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO recon_discrepancy (run_id, family, kind, key, shard, expected, found, repaired, check_name, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Discrepancy d : report.discrepancies()) {
                    insert.setLong(1, report.runId());
                    insert.setString(2, d.family());
                    insert.setString(3, d.kind().name());
                    insert.setString(4, d.key());
                    insert.setString(5, d.shard());
                    insert.setString(6, d.expected());
                    insert.setString(7, d.found());
                    insert.setBoolean(8, d.repaired());
                    insert.setString(9, d.check().label());
                    insert.setString(10, d.note());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE recon_run SET finished_at = now(), status = ?, entries_checked = ?, segments_differing = ?,
                        discrepancies = ?, unrepaired = ?, detail = ? WHERE run_id = ?""")) {
                update.setString(1, status);
                update.setLong(2, report.entriesChecked());
                update.setInt(3, report.segmentsDiffering());
                update.setInt(4, report.discrepancies().size());
                update.setLong(5, report.unrepaired());
                update.setString(6, detail);
                update.setLong(7, report.runId());
                update.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the reconciliation result in the warehouse: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.warehouseJdbcUrl(), settings.warehouseUser(), settings.warehousePassword());
    }
}
