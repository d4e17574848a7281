package dev.backbone.loadgen.ledger;

import static dev.backbone.loadgen.ledger.LedgerTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventType;
import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.PaymentStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerFoldTest {

    private final List<LedgerEntry> history = List.of(
            entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com"),
            entry(EventType.ORDER_PLACED, "c1", "c1-o0", 1, null),
            entry(EventType.CUSTOMER_EMAIL_CHANGED, "c1", "c1", 2, "c1.1@example.com"),
            entry(EventType.PAYMENT_CAPTURED, "c1", "c1-p0", 1, null),
            entry(EventType.ORDER_PAID, "c1", "c1-o0", 2, null),
            entry(EventType.CUSTOMER_PROFILE_CHANGED, "c1", "c1", 3, null),
            entry(EventType.ORDER_CANCELLED, "c1", "c1-o0", 3, null),
            entry(EventType.PAYMENT_REFUNDED, "c1", "c1-p0", 2, null),
            entry(EventType.CUSTOMER_REGISTERED, "c2", "c2", 1, "c2.0@example.com"),
            entry(EventType.CUSTOMER_DELETED, "c2", "c2", 2, null));

    @Test
    void shouldKeepTheLatestSequenceStatusAndEmailOfEveryEntity() {
        ExpectedState state = LedgerFold.fold(history);

        assertThat(state.customers()).containsOnly(
                entryOf("c1", new ExpectedState.Customer("c1", 3, "c1.1@example.com", false)),
                entryOf("c2", new ExpectedState.Customer("c2", 2, "c2.0@example.com", true)));
        assertThat(state.orders()).containsOnly(entryOf("c1-o0", new ExpectedState.Order("c1-o0", "c1", 3, OrderStatus.CANCELLED)));
        assertThat(state.payments()).containsOnly(entryOf("c1-p0", new ExpectedState.Payment("c1-p0", "c1", 2, PaymentStatus.REFUNDED)));
        assertThat(state.events()).isEqualTo(10);
    }

    @Test
    void shouldNotDependOnTheOrderOfAcknowledgements() {
        List<LedgerEntry> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(LedgerFold.fold(shuffled)).isEqualTo(LedgerFold.fold(history));
    }

    @Test
    void shouldCountADuplicatedEventIdOnce() {
        List<LedgerEntry> twice = new ArrayList<>(history);
        twice.addAll(history);

        assertThat(LedgerFold.fold(twice)).isEqualTo(LedgerFold.fold(history));
    }

    @Test
    void shouldLeaveTheEmailUnknownWhenNoEmailCarryingEventWasAcknowledged() {
        ExpectedState state = LedgerFold.fold(List.of(entry(EventType.CUSTOMER_PROFILE_CHANGED, "c3", "c3", 2, null)));

        assertThat(state.customers().get("c3")).isEqualTo(new ExpectedState.Customer("c3", 2, null, false));
    }

    private static <V> java.util.Map.Entry<String, V> entryOf(String key, V value) {
        return java.util.Map.entry(key, value);
    }
}
