package dev.backbone.etl.recon;

import dev.backbone.etl.recon.LogDerivedState.LatestState;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerCorruptException;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Check 3: every entity a ledger of acknowledged events names (a load run's or a drill's) is in its
 * shard at the ledger's latest version or newer. The ledger is folded with {@link LedgerFold} and
 * compared with {@link LedgerOutcome}, as the drills do; a missing or older row is re-checked, then
 * looked up in the fold's state (the state stores' changelogs, {@link LogDerivedState}): if the stored
 * state is at the acknowledged version or newer, the event was folded and only the shard lacks it, so
 * the row is repaired from the stored state (like check 2); if not, the event was acknowledged but
 * never folded (it never reached the Streams app, or was rejected), which no reconciliation can
 * repair — it is reported as such. Customers, orders and payments are compared alike.
 */
final class LedgerCheck {

    private final Map<ShardId, String> shardUrls;
    private final String user;
    private final String password;
    private final LogDerivedState log;
    private final LogRepairer repairer;
    private final ReconOptions options;
    private final ShardRouter router;
    private final Consumer<String> progress;

    private final ExpectedState ledgered;

    /**
     * @param ledgered the ledger, folded ({@link #fold})
     * @param repairer null for a dry run
     */
    LedgerCheck(ReconSettings settings, ExpectedState ledgered, LogDerivedState log, LogRepairer repairer, ReconOptions options,
                Consumer<String> progress) {
        this.ledgered = ledgered;
        this.shardUrls = settings.shardJdbcUrls();
        this.user = settings.shardUser();
        this.password = settings.shardPassword();
        this.log = log;
        this.repairer = repairer;
        this.options = options;
        this.router = new ShardRouter(shardUrls.size());
        this.progress = progress;
    }

    /**
     * Reads a ledger file and folds it.
     *
     * @throws IllegalArgumentException naming {@code --ledger} when the file cannot be read or is corrupt
     */
    static ExpectedState fold(Path ledger) {
        try {
            return LedgerFold.fold(Ledger.read(ledger).entries());
        } catch (LedgerCorruptException e) {
            throw new IllegalArgumentException("--ledger " + ledger + ": " + e.getMessage() + ". A ledger is only ever cut short at"
                    + " its last line; this one was altered: pass the file the load run or drill wrote", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ledger " + ledger + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** Checks the ledger as one unit, if {@code units} still needs it. */
    void run(UnitSink units) {
        ReconUnit unit = ReconUnit.ledger();
        if (!units.pending(unit)) {
            return;
        }
        Instant started = Instant.now();
        ExpectedState expected = scoped(ledgered);
        ProjectedRows.Found first = read(expected);
        ExpectedState candidates = behindOrMissing(expected, first);
        // Re-read: the pipeline may have applied the entity since the first read.
        ProjectedRows.Found now = entities(candidates) == 0 ? first : read(candidates);
        ExpectedState lost = behindOrMissing(candidates, now);
        Set<String> keys = new HashSet<>();
        lost.customers().keySet().forEach(id -> keys.add(EntityRef.customer(id).key()));
        lost.orders().values().forEach(o -> keys.add(EntityRef.order(o.customerId(), o.orderId()).key()));
        lost.payments().values().forEach(p -> keys.add(EntityRef.payment(p.customerId(), p.paymentId()).key()));
        Map<String, LatestState> stored = log.lookup(keys);

        List<Discrepancy> drift = new ArrayList<>();
        List<LatestState> toRepair = new ArrayList<>();
        for (ExpectedState.Customer want : lost.customers().values()) {
            ProjectedRows.Row row = now.customers().get(want.customerId());
            add(drift, toRepair, EntityRef.customer(want.customerId()), want.sequence(), new RowVersion(want.sequence(), want.deleted()),
                    row, stored);
        }
        for (ExpectedState.Order want : lost.orders().values()) {
            ProjectedRows.Row row = now.orders().get(want.orderId());
            add(drift, toRepair, EntityRef.order(want.customerId(), want.orderId()), want.sequence(), new RowVersion(want.sequence(), false),
                    row, stored);
        }
        for (ExpectedState.Payment want : lost.payments().values()) {
            ProjectedRows.Row row = now.payments().get(want.paymentId());
            add(drift, toRepair, EntityRef.payment(want.customerId(), want.paymentId()), want.sequence(),
                    new RowVersion(want.sequence(), false), row, stored);
        }
        // A discrepancy with a note was not sent for repair (the stored state lacks the event).
        List<Discrepancy> result = repairer == null ? drift : repairer.repair(drift, toRepair, d -> d.note() == null);
        progress.accept(String.format("ledger       %,d events, %,d customers, %,d orders and %,d payments: %,d not reflected,"
                + " %,d of them repairable from the stored state, %,d never folded (%d ms)", ledgered.events(),
                expected.customers().size(), expected.orders().size(), expected.payments().size(), drift.size(), toRepair.size(),
                drift.size() - toRepair.size(), Duration.between(started, Instant.now()).toMillis()));
        units.finished(unit, entities(expected), 0, result);
    }

    private void add(List<Discrepancy> drift, List<LatestState> toRepair, EntityRef ref, long sequence, RowVersion want,
                     ProjectedRows.Row row, Map<String, LatestState> stored) {
        Discrepancy.Kind kind = row == null ? Discrepancy.Kind.LEDGER_MISSING : Discrepancy.Kind.LEDGER_BEHIND;
        LatestState change = stored.get(ref.key());
        String note = null;
        if (change != null && change.row().version() >= sequence) {
            toRepair.add(change);
        } else {
            note = "acknowledged at version " + sequence + " but the fold's state store holds "
                    + (change == null ? "no state of it" : "only version " + change.row().version())
                    + ": the event was never folded, so no stored state can repair it";
        }
        drift.add(new Discrepancy(Check.LEDGER, ref.family().label(), kind, ref.key(), router.shardFor(ref.customerId()).dataSourceName(),
                want.text(), row == null ? null : new RowVersion(row.version(), row.deleted()).text(), false, note));
    }

    private ExpectedState scoped(ExpectedState ledgered) {
        if (options.idPrefix().isEmpty()) {
            return ledgered;
        }
        return new ExpectedState(where(ledgered.customers(), c -> options.inScope(c.customerId())),
                where(ledgered.orders(), o -> options.inScope(o.customerId())),
                where(ledgered.payments(), p -> options.inScope(p.customerId())), ledgered.events());
    }

    /** The entities of {@code expected} whose row is missing or behind in {@code found}. */
    static ExpectedState behindOrMissing(ExpectedState expected, ProjectedRows.Found found) {
        return new ExpectedState(
                where(expected.customers(), want -> notReflected(LedgerOutcome.customer(want, found.customers().get(want.customerId())))),
                where(expected.orders(), want -> notReflected(LedgerOutcome.order(want, found.orders().get(want.orderId())))),
                where(expected.payments(), want -> notReflected(LedgerOutcome.payment(want, found.payments().get(want.paymentId())))),
                expected.events());
    }

    private static boolean notReflected(LedgerOutcome outcome) {
        return outcome == LedgerOutcome.MISSING || outcome == LedgerOutcome.BEHIND;
    }

    private static <T> Map<String, T> where(Map<String, T> entities, Predicate<T> keep) {
        Map<String, T> kept = new HashMap<>();
        entities.forEach((id, entity) -> {
            if (keep.test(entity)) {
                kept.put(id, entity);
            }
        });
        return kept;
    }

    private static long entities(ExpectedState expected) {
        return expected.customers().size() + expected.orders().size() + expected.payments().size();
    }

    private ProjectedRows.Found read(ExpectedState expected) {
        try {
            return ProjectedRows.read(shardUrls, user, password, expected);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger check: cannot read shard rows: " + e.getMessage(), e);
        }
    }
}
