package dev.backbone.chaos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadyLagTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldBeSteadyOnlyOnceTheLagHasStayedWithinTwoSecondsOfTheLoadForFiveSeconds() {
        SteadyLag steady = new SteadyLag(1_500);

        assertThat(steady.budgetEvents()).isEqualTo(3_000);
        assertThat(steady.sample(0, 3_000)).isFalse();
        assertThat(steady.sample(4 * SECOND, 2_000)).isFalse();
        assertThat(steady.sample(5 * SECOND, 2_500)).isTrue();
    }

    @Test
    void shouldStartOverWhenTheLagLeavesTheBudgetOrIsUnknown() {
        SteadyLag steady = new SteadyLag(1_500);

        steady.sample(0, 100);
        steady.sample(3 * SECOND, 3_001); // over: the hold starts again
        assertThat(steady.sample(6 * SECOND, 100)).isFalse();
        assertThat(steady.sample(10 * SECOND, -1)).isFalse(); // unknown: not steady either
        assertThat(steady.sample(11 * SECOND, 100)).isFalse();
        assertThat(steady.sample(16 * SECOND, 100)).isTrue();
    }

    @Test
    void shouldAllowACommitIntervalsWorthOfEventsInFlightAtLowRates() {
        assertThat(new SteadyLag(10).budgetEvents()).isEqualTo(500);
    }
}
