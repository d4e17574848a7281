package dev.backbone.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String LINE = "4242 (postgres: a (b) c) S 1059 1059 1059 0 -1 4194560 900 0 0 0 7 5 3 2 20 0 1 0 5000";

    @Test
    void shouldNumberFieldsAsProcDoesPastANameWithSpacesAndParentheses() {
        ProcStat stat = ProcStat.parse(LINE);

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.field(3)).contains("S");
        assertThat(stat.longField(4)).isEqualTo(1059);
        assertThat(stat.longField(14)).isEqualTo(7);
        assertThat(stat.field(22)).contains("5000");
        assertThat(stat.field(23)).isEmpty();
    }

    @Test
    void shouldRejectWhatIsNotAStatLineOrNotAField() {
        assertThatThrownBy(() -> ProcStat.parse("no process here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc/<pid>/stat line");
        assertThatThrownBy(() -> ProcStat.parse(LINE).field(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse(LINE).longField(30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no field 30");
    }

    @Test
    void shouldReadThisProcessAndNothingForAPidThatIsGone() {
        assertThat(ProcStat.read(ProcessHandle.current().pid())).hasValueSatisfying(stat ->
                assertThat(stat.longField(4)).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid()));
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    }
}
