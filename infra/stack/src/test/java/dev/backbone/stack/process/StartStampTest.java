package dev.backbone.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartStampTest {

    private static final ProcessHandle SELF = ProcessHandle.current();

    @Test
    void shouldStampALinuxProcessWithItsKernelStartTicks() {
        StartStamp stamp = StartStamp.of(SELF).orElseThrow();

        assertThat(stamp.text()).matches("ticks:[0-9]+");
        assertThat(stamp.matches(SELF)).isTrue();
        assertThat(new StartStamp(stamp.text()).matches(SELF)).as("read back from a pid file").isTrue();
    }

    @Test
    void shouldNotTakeAnotherProcessForTheStampedOne() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            StartStamp otherStamp = StartStamp.of(other.toHandle()).orElseThrow();

            assertThat(otherStamp.matches(SELF)).isFalse();
            assertThat(StartStamp.of(SELF).orElseThrow().matches(other.toHandle())).isFalse();
            assertThat(new StartStamp("ticks:1").matches(SELF)).isFalse();
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldStillReadPidFilesThatRecordedTheStartInstant() {
        long startMillis = SELF.info().startInstant().orElseThrow().toEpochMilli();

        assertThat(new StartStamp(Long.toString(startMillis)).matches(SELF)).isTrue();
        assertThat(new StartStamp(Long.toString(startMillis - 60_000)).matches(SELF)).isFalse();
        assertThat(new StartStamp("not a stamp").matches(SELF)).isFalse();
    }

    @Test
    void shouldStampNothingForAProcessThatIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);

        assertThat(StartStamp.of(gone.toHandle())).isEmpty();
    }
}
