package dev.backbone.chaos.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.loadgen.ledger.LedgerEntry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProbeTargetsTest {

    private static LedgerEntry entry(EventType type, String customer, String entity, long sequence, String email) {
        return new LedgerEntry(new EventId(UUID.randomUUID()), type, customer, entity, sequence, type.topic().topicName(),
                new LedgerEntry.InKafka(0, sequence), email);
    }

    @Test
    void shouldRememberEveryHolderOfAnEmailAndTheOwnerOfEveryOrder() {
        ProbeTargets targets = ProbeTargets.of(List.of(
                entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "Ann@Example.test"),
                entry(EventType.CUSTOMER_EMAIL_CHANGED, "c1", "c1", 2, "ann2@example.test"),
                entry(EventType.CUSTOMER_REGISTERED, "c2", "c2", 1, "ann@example.test"),
                entry(EventType.ORDER_PLACED, "c2", "o9", 1, null)));

        assertThat(targets.holdersOf("ANN@example.test")).containsExactlyInAnyOrder("c1", "c2");
        assertThat(targets.holdersOf("nobody@example.test")).isEmpty();
        assertThat(targets.ownerOf("o9")).isEqualTo("c2");
        assertThat(targets.customers()).containsExactlyInAnyOrder("c1", "c2");
        assertThat(targets.orders()).containsExactly("o9");
    }
}
