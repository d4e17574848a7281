package dev.backbone.cli;

import dev.backbone.etl.recon.Check;
import dev.backbone.etl.recon.CheckOutcome;
import dev.backbone.etl.recon.ReconListener;
import dev.backbone.etl.recon.UnitOutcome;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./backbone reconcile}'s progress: one line per check — units done of all, entries checked,
 * their rate and the time left. On a terminal the line is redrawn in place with {@code \r} (and the
 * units' detail lines printed above it); elsewhere — CI logs, a pipe, a CronJob — every line is a
 * plain line, and progress lines come at most once per interval, so a long run does not flood the log.
 * Thread-safe: {@link #tick()} may come from a timer thread.
 */
final class ReconProgressBar implements ReconListener {

    static final Duration DEFAULT_PLAIN_INTERVAL = Duration.ofSeconds(30);
    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private final Clock clock;
    private final Duration plainInterval;

    private Check check;
    private int units;
    private int unitsBefore;
    private int unitsDone;
    private long entriesBefore;
    private long entries;
    private Instant checkStart;
    private Instant lastUnit;
    private boolean finished;
    /** Characters of the bar on the terminal's current line (0: none drawn). */
    private int drawn;
    private Instant lastPlain = Instant.MIN;

    /**
     * @param terminal      whether {@code out} is a terminal ({@code System.console() != null})
     * @param plainInterval least time between two progress lines when not a terminal
     */
    ReconProgressBar(PrintWriter out, boolean terminal, Clock clock, Duration plainInterval) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.plainInterval = plainInterval;
    }

    @Override
    public synchronized void checkStarted(Check started, int unitCount, int done, long entriesDone) {
        check = started;
        units = unitCount;
        unitsBefore = done;
        unitsDone = done;
        entriesBefore = entriesDone;
        entries = entriesDone;
        checkStart = clock.instant();
        lastUnit = checkStart;
        finished = false;
        show(true);
    }

    @Override
    public synchronized void unitFinished(UnitOutcome unit) {
        unitsDone++;
        entries += unit.entriesChecked();
        lastUnit = clock.instant();
        show(false);
    }

    @Override
    public synchronized void checkFinished(CheckOutcome outcome) {
        finished = true;
        show(true);
        if (terminal) {
            out.println();
            out.flush();
            drawn = 0;
        }
        check = null;
    }

    @Override
    public synchronized void detail(String line) {
        if (terminal && drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
        out.println(line);
        if (terminal && check != null) {
            draw();
        }
        out.flush();
    }

    /** Redraws the terminal line (time left moves on), or prints a plain line once the interval has passed. */
    synchronized void tick() {
        if (check != null) {
            show(false);
        }
    }

    /** The current check's line, e.g. {@code log     [##########----------]   2/4 units, 1,204 entries, 602 entries/s, ETA 0:00:02}. */
    synchronized String line() {
        Instant now = clock.instant();
        int filled = units == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * unitsDone / units);
        String line = String.format("%-7s [%s%s] %,3d/%d units%s, %,d entries, %s", check.label(), "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled), unitsDone, units, unitsBefore > 0 ? " (" + unitsBefore + " done before)" : "",
                entries, rate(now));
        return line + ", " + (finished ? "done in " + clock(Duration.between(checkStart, now)) : left(now));
    }

    private void show(boolean always) {
        if (terminal) {
            draw();
            out.flush();
            return;
        }
        Instant now = clock.instant();
        // The last unit's line would only repeat the check's end line.
        boolean due = !now.isBefore(lastPlain.plus(plainInterval)) && unitsDone < units;
        if (always || due) {
            out.println(line());
            out.flush();
            lastPlain = now;
        }
    }

    private void draw() {
        String line = line();
        // Pad over a longer previous line: '\r' only moves the cursor back.
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        drawn = line.length();
    }

    private String rate(Instant now) {
        long millis = Duration.between(checkStart, now).toMillis();
        long checkedNow = entries - entriesBefore;
        return checkedNow == 0 || millis == 0 ? "- entries/s" : String.format("%,d entries/s", checkedNow * 1_000 / millis);
    }

    /** Time left: the units left at the average pace of the units done by this attempt, less the time into the current one. */
    private String left(Instant now) {
        int doneNow = unitsDone - unitsBefore;
        if (doneNow == 0) {
            return "ETA unknown";
        }
        Duration perUnit = Duration.between(checkStart, lastUnit).dividedBy(doneNow);
        Duration left = perUnit.multipliedBy(units - unitsDone).minus(Duration.between(lastUnit, now));
        return "ETA " + clock(left.isNegative() ? Duration.ZERO : left);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
