package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconPlanTest {

    @Test
    void shouldPlanTheLogPassesThenTheLedgerThenTheIndexFamilies() {
        ReconPlan plan = ReconPlan.of(Set.of(Check.INDEX, Check.LEDGER, Check.LOG), 3);

        assertThat(plan.units()).extracting(ReconUnit::toString).containsExactly(
                "log pass 1/3", "log pass 2/3", "log pass 3/3", "ledger ledger", "index email", "index order", "index order_status");
        assertThat(plan.units(Check.LOG)).hasSize(3);
    }

    @Test
    void shouldLeaveOnlyTheUnitsNotRecordedInRunOrder() {
        ReconPlan plan = ReconPlan.of(Set.of(Check.LOG, Check.INDEX), 4);

        List<ReconUnit> remaining = plan.remaining(List.of(ReconUnit.logPass(0, 4), ReconUnit.logPass(2, 4),
                ReconUnit.index(IndexFamily.EMAIL)));

        assertThat(remaining).extracting(ReconUnit::toString).containsExactly(
                "log pass 2/4", "log pass 4/4", "index order", "index order_status");
        assertThat(plan.remaining(plan.units())).isEmpty();
        assertThat(plan.remaining(List.of())).isEqualTo(plan.units());
    }

    @Test
    void shouldRefuseRecordedUnitsThePlanDoesNotHave() {
        // A pass of an 8-pass run cannot be skipped in a 4-pass plan: the slices differ.
        ReconPlan plan = ReconPlan.of(Set.of(Check.LOG), 4);

        assertThatThrownBy(() -> plan.remaining(List.of(ReconUnit.logPass(0, 8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("log pass 1/8")
                .hasMessageContaining("stored options do not match");
    }
}
