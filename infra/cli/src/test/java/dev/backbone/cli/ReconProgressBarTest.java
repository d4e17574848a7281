package dev.backbone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.etl.recon.Check;
import dev.backbone.etl.recon.CheckOutcome;
import dev.backbone.etl.recon.ReconUnit;
import dev.backbone.etl.recon.UnitOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconProgressBarTest {

    private final StringWriter written = new StringWriter();
    private final MutableClock clock = new MutableClock();

    @Test
    void shouldRedrawOneLineInPlaceOnATerminal() {
        ReconProgressBar bar = bar(true);

        bar.checkStarted(Check.LOG, 4, 0, 0);
        clock.advance(Duration.ofSeconds(10));
        bar.unitFinished(unit(Check.LOG, "pass 1/4", 1_000));
        clock.advance(Duration.ofSeconds(4));
        bar.tick();

        // one line, redrawn with '\r' and never ended while the check runs
        assertThat(written.toString()).doesNotContain("\n").startsWith("\rlog     [--------------------]   0/4 units, 0 entries,"
                + " - entries/s, ETA unknown");
        assertThat(lastDrawn()).isEqualTo("log     [#####---------------]   1/4 units, 1,000 entries, 71 entries/s, ETA 0:00:26");

        // a unit's detail line goes above the bar: the bar is wiped, the line printed, the bar redrawn
        bar.detail("log pass 1/4 segments [0, 16384): 3 discrepancies");
        assertThat(written.toString()).contains("\r" + " ".repeat(lastDrawn().length()) + "\rlog pass 1/4 segments [0, 16384): 3"
                + " discrepancies\n\rlog     [#####");

        clock.advance(Duration.ofSeconds(16));
        for (int pass = 2; pass <= 4; pass++) {
            bar.unitFinished(unit(Check.LOG, "pass " + pass + "/4", 1_000));
        }
        bar.checkFinished(new CheckOutcome(Check.LOG, 4_000, 0, List.of(), Duration.ofSeconds(30)));
        assertThat(written.toString()).endsWith("\rlog     [####################]   4/4 units, 4,000 entries, 133 entries/s,"
                + " done in 0:00:30\n");
    }

    @Test
    void shouldPadOverALongerPreviousLine() {
        ReconProgressBar bar = bar(true);
        bar.checkStarted(Check.INDEX, 3, 0, 0);
        clock.advance(Duration.ofSeconds(1));
        bar.unitFinished(unit(Check.INDEX, "email", 10_000));
        String longer = lastDrawn();

        // the rate drops from 10,000 to 49 entries/s while the next family runs: the line gets shorter
        clock.advance(Duration.ofSeconds(200));
        bar.tick();

        String redraw = written.toString().substring(written.toString().lastIndexOf('\r') + 1);
        assertThat(longer).isEqualTo("index   [######--------------]   1/3 units, 10,000 entries, 10,000 entries/s, ETA 0:00:02");
        assertThat(redraw).isEqualTo("index   [######--------------]   1/3 units, 10,000 entries, 49 entries/s, ETA 0:00:00    ");
        assertThat(redraw).hasSameSizeAs(longer);
    }

    @Test
    void shouldPrintPlainLinesAtMostOncePerIntervalWhenNotATerminal() {
        ReconProgressBar bar = bar(false);

        bar.checkStarted(Check.LOG, 100, 40, 4_000);
        for (int pass = 41; pass <= 100; pass++) {
            clock.advance(Duration.ofSeconds(1));
            bar.unitFinished(unit(Check.LOG, "pass " + pass + "/100", 100));
        }
        bar.checkFinished(new CheckOutcome(Check.LOG, 10_000, 0, List.of(), Duration.ofSeconds(60)));

        // no carriage return; the start, a line per 30 s, and the end (not a line for the last unit as well)
        assertThat(written.toString()).doesNotContain("\r");
        assertThat(written.toString().lines()).containsExactly(
                "log     [########------------]  40/100 units (40 done before), 4,000 entries, - entries/s, ETA unknown",
                "log     [##############------]  70/100 units (40 done before), 7,000 entries, 100 entries/s, ETA 0:00:30",
                "log     [####################] 100/100 units (40 done before), 10,000 entries, 100 entries/s, done in 0:01:00");
    }

    @Test
    void shouldPrintAHeartbeatLineDuringALongUnitWhenNotATerminal() {
        ReconProgressBar bar = bar(false);
        bar.checkStarted(Check.LOG, 4, 0, 0);

        clock.advance(Duration.ofSeconds(29));
        bar.tick();
        clock.advance(Duration.ofSeconds(1));
        bar.tick();

        assertThat(written.toString().lines()).hasSize(2).last().asString().contains("0/4 units");
    }

    private ReconProgressBar bar(boolean terminal) {
        return new ReconProgressBar(new PrintWriter(written), terminal, clock, Duration.ofSeconds(30));
    }

    /** The text after the last '\r' that starts a bar (not a wipe). */
    private String lastDrawn() {
        String text = written.toString();
        String[] parts = text.split("\r");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                return parts[i].stripTrailing();
            }
        }
        return "";
    }

    private static UnitOutcome unit(Check check, String name, long entries) {
        return new UnitOutcome(new ReconUnit(check, name), entries, 0, List.of(), Duration.ZERO);
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
