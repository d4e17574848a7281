package dev.backbone.etl.recon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's finished units in the warehouse: a {@code recon_progress} row and the unit's
 * {@code recon_discrepancy} rows, written in one transaction — so a kill between units loses nothing,
 * and a unit is never recorded twice (its primary key refuses a second attempt, discrepancies and all).
 */
final class UnitRecords {

    private final ReconRuns runs;

    UnitRecords(ReconRuns runs) {
        this.runs = runs;
    }

    void record(long runId, UnitOutcome outcome) {
        ReconUnit unit = outcome.unit();
        try (Connection c = runs.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement progress = c.prepareStatement("""
                    INSERT INTO recon_progress (run_id, check_name, unit, entries_checked, segments_differing, discrepancies,
                        unrepaired, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                progress.setLong(1, runId);
                progress.setString(2, unit.check().label());
                progress.setString(3, unit.name());
                progress.setLong(4, outcome.entriesChecked());
                progress.setInt(5, outcome.segmentsDiffering());
                progress.setInt(6, outcome.discrepancies().size());
                progress.setLong(7, outcome.unrepaired());
                progress.setLong(8, outcome.duration().toMillis());
                progress.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO recon_discrepancy (run_id, family, kind, key, shard, expected, found, repaired, check_name, note, unit)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Discrepancy d : outcome.discrepancies()) {
                    insert.setLong(1, runId);
                    insert.setString(2, d.family());
                    insert.setString(3, d.kind().name());
                    insert.setString(4, d.key());
                    insert.setString(5, d.shard());
                    insert.setString(6, d.expected());
                    insert.setString(7, d.found());
                    insert.setBoolean(8, d.repaired());
                    insert.setString(9, d.check().label());
                    insert.setString(10, d.note());
                    insert.setString(11, unit.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + unit + " of reconciliation run " + runId + " in the warehouse: "
                    + e.getMessage(), e);
        }
    }

    /** The units the run recorded, each with its discrepancies in the order they were found. */
    List<UnitOutcome> recorded(long runId) {
        try (Connection c = runs.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            Map<ReconUnit, List<Discrepancy>> found = new HashMap<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT check_name, unit, family, kind, key, shard, expected, found, repaired, note
                    FROM recon_discrepancy WHERE run_id = ? ORDER BY id""")) {
                query.setLong(1, runId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Check check = check(rs.getString(1));
                        found.computeIfAbsent(new ReconUnit(check, rs.getString(2)), u -> new ArrayList<>()).add(new Discrepancy(check,
                                rs.getString(3), Discrepancy.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10)));
                    }
                }
            }
            Map<ReconUnit, UnitOutcome> units = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT check_name, unit, entries_checked, segments_differing, duration_ms
                    FROM recon_progress WHERE run_id = ? ORDER BY finished_at""")) {
                query.setLong(1, runId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ReconUnit unit = new ReconUnit(check(rs.getString(1)), rs.getString(2));
                        units.put(unit, new UnitOutcome(unit, rs.getLong(3), rs.getInt(4), found.getOrDefault(unit, List.of()),
                                Duration.ofMillis(rs.getLong(5))));
                    }
                }
            }
            c.commit();
            return List.copyOf(units.values());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the progress of reconciliation run " + runId + " from the warehouse: "
                    + e.getMessage(), e);
        }
    }

    private static Check check(String label) {
        return Check.valueOf(label.toUpperCase(Locale.ROOT));
    }
}
