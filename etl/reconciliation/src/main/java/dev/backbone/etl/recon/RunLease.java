package dev.backbone.etl.recon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A run's claim to do its work: a session-level advisory lock on the run, held on a warehouse
 * connection of its own while the run works. A process that dies, even by {@code kill -9}, drops its
 * connection and with it the lock, so a run that is {@code RUNNING} and unlocked was killed and may
 * be resumed; a locked one is still being worked on elsewhere.
 */
final class RunLease implements AutoCloseable {

    /** The lock's first key ("reco"); the second is the run id. The two-key space does not overlap the ETL's one-key locks. */
    private static final int LOCK_CLASS = 0x7265636f;

    private final Connection connection;
    private final long runId;

    private RunLease(Connection connection, long runId) {
        this.connection = connection;
        this.runId = runId;
    }

    /**
     * Takes the run's lock on {@code connection}, which the lease then owns.
     *
     * @return null, with {@code connection} closed, when another session holds it
     */
    static RunLease tryTake(Connection connection, long runId) throws SQLException {
        boolean taken;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, Math.toIntExact(runId));
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                taken = rs.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (!taken) {
            connection.close();
            return null;
        }
        return new RunLease(connection, runId);
    }

    long runId() {
        return runId;
    }

    /** Releases the lock: closing the session does. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the lock of reconciliation run " + runId + ": " + e.getMessage(), e);
        }
    }
}
