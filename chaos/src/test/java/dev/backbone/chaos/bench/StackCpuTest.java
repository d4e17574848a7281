package dev.backbone.chaos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.process.ProcStat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StackCpuTest {

    @Test
    void shouldReadParentAndTicksPastACommandNameWithSpacesAndParentheses() {
        // given a postgres backend's stat line: utime 7, stime 5, cutime 3, cstime 2
        String line = "4242 (postgres: backbone (x) idle) S 1059 1059 1059 0 -1 4194560 900 0 0 0 7 5 3 2 20 0 1 0 5000 0 0";

        StackCpu.ProcessTicks stat = StackCpu.ProcessTicks.of(ProcStat.parse(line));

        assertThat(stat).isEqualTo(new StackCpu.ProcessTicks(4242, 1059, 17));
    }

    @Test
    void shouldCountAProcessWithEveryLiveProcessBelowItAndNothingBeside() {
        // given a keeper (10) above a postmaster (11) above two backends (12, 13), and an unrelated broker (20)
        Map<Long, StackCpu.ProcessTicks> all = List.of(new StackCpu.ProcessTicks(10, 1, 5), new StackCpu.ProcessTicks(11, 10, 100),
                new StackCpu.ProcessTicks(12, 11, 30), new StackCpu.ProcessTicks(13, 11, 7), new StackCpu.ProcessTicks(20, 1, 1_000))
                .stream().collect(Collectors.toMap(StackCpu.ProcessTicks::pid, Function.identity()));

        assertThat(StackCpu.subtreeTicks(all, 10)).isEqualTo(142);
        assertThat(StackCpu.subtreeTicks(all, 11)).isEqualTo(137);
        assertThat(StackCpu.subtreeTicks(all, 20)).isEqualTo(1_000);
        assertThat(StackCpu.subtreeTicks(all, 99)).as("ended before the sample").isZero();
    }

    @Test
    void shouldTakeIdleAndIowaitOutOfTheMachinesBusyTicks() {
        String procStat = "cpu  100 10 50 800 40 5 5 0 0 0\ncpu0 50 5 25 400 20 2 2 0 0 0\n";

        assertThat(StackCpu.machineTicks(procStat)).containsExactly(170, 1_010);
    }

    @Test
    void shouldReportEachProcessMostFirstPerEventAndLeaveOutTheIdle() {
        StackCpu.Sample before = new StackCpu.Sample(Map.of("streams-app", 1_000L, "kafka-0", 500L, "redis-a", 50L), 200, 10_000, 20_000);
        StackCpu.Sample after = new StackCpu.Sample(Map.of("streams-app", 1_700L, "kafka-0", 800L, "redis-a", 50L), 290, 12_100,
                22_200);

        List<String> lines = StackCpu.report(before, after, 35_000);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).contains("streams-app").contains("7.0").contains("200");
        assertThat(lines.get(2)).contains("kafka-0").contains("3.0").contains("86");
        assertThat(lines.get(3)).contains("this benchmark's JVM").contains("0.9");
        assertThat(lines.get(4)).contains("machine busy").contains("21.0").contains("of 22.0 core-s");
        assertThat(String.join("\n", lines)).doesNotContain("redis-a");
    }
}
