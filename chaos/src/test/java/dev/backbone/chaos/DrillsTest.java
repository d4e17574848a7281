package dev.backbone.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillsTest {

    @Test
    void shouldFindEveryDrillByItsUniqueName() {
        List<String> names = Drills.all().stream().map(Drill::name).toList();

        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).hasSize(9).contains("network-partition", "cold-start");
        names.forEach(name -> assertThat(Drills.byName(name).name()).isEqualTo(name));
    }

    @Test
    void shouldListTheDrillsWhenTheNameIsUnknown() {
        assertThatThrownBy(() -> Drills.byName("kafka-outgae"))
                .hasMessageStartingWith("unknown drill 'kafka-outgae'; drills: kafka-outage, consumer-crash");
    }

    @Test
    void shouldKeepTheShortModeShorterThanTheFullOne() {
        assertThat(DrillMode.SHORT.hold()).isLessThan(DrillMode.FULL.hold());
        assertThat(DrillMode.FULL.minimumEvents()).isGreaterThanOrEqualTo(100_000);
        assertThat(DrillMode.of(true)).isSameAs(DrillMode.SHORT);
    }

    @Test
    void shouldChangeOnlyTheRateOfAMode() {
        DrillMode slower = DrillMode.FULL.withRate(400);

        assertThat(slower.rate()).isEqualTo(400);
        assertThat(slower).isEqualTo(new DrillMode("full", 400, DrillMode.FULL.customers(), DrillMode.FULL.steady(),
                DrillMode.FULL.hold(), DrillMode.FULL.tail(), DrillMode.FULL.minimumEvents(), DrillMode.FULL.convergeTimeout(),
                DrillMode.FULL.timeEveryRecovery()));
        assertThatThrownBy(() -> DrillMode.FULL.withRate(0)).hasMessage("rate must be > 0 events/s but was 0.0");
    }
}
