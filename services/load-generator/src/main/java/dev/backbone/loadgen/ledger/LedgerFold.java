package dev.backbone.loadgen.ledger;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.PaymentStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Folds ledger entries into the {@link ExpectedState}: per entity, the entry with the highest
 * sequence wins (the same version guard the projections use), so the result does not depend on
 * the order of the entries, and duplicates of an event id count once. Pure.
 */
public final class LedgerFold {

    private LedgerFold() {
    }

    /** The expected final state of every entity the entries touch. */
    public static ExpectedState fold(Iterable<LedgerEntry> entries) {
        Set<EventId> seen = new HashSet<>();
        Map<String, ExpectedState.Customer> customers = new HashMap<>();
        Map<String, Long> emailSequence = new HashMap<>();
        Map<String, String> emails = new HashMap<>();
        Map<String, ExpectedState.Order> orders = new HashMap<>();
        Map<String, ExpectedState.Payment> payments = new HashMap<>();
        for (LedgerEntry entry : entries) {
            if (!seen.add(entry.eventId())) {
                continue;
            }
            switch (entry.type().topic()) {
                case CUSTOMERS -> {
                    if (entry.email() != null && entry.sequence() > emailSequence.getOrDefault(entry.customerId(), 0L)) {
                        emailSequence.put(entry.customerId(), entry.sequence());
                        emails.put(entry.customerId(), entry.email());
                    }
                    customers.merge(entry.customerId(),
                            new ExpectedState.Customer(entry.customerId(), entry.sequence(), null, entry.type() == EventType.CUSTOMER_DELETED),
                            (a, b) -> new ExpectedState.Customer(a.customerId(), Math.max(a.sequence(), b.sequence()), null,
                                    a.deleted() || b.deleted()));
                }
                case ORDERS -> orders.merge(entry.entityId(),
                        new ExpectedState.Order(entry.entityId(), entry.customerId(), entry.sequence(), orderStatus(entry.type())),
                        (a, b) -> a.sequence() >= b.sequence() ? a : b);
                case PAYMENTS -> payments.merge(entry.entityId(),
                        new ExpectedState.Payment(entry.entityId(), entry.customerId(), entry.sequence(), paymentStatus(entry.type())),
                        (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        customers.replaceAll((id, c) -> new ExpectedState.Customer(id, c.sequence(), emails.get(id), c.deleted()));
        return new ExpectedState(customers, orders, payments, seen.size());
    }

    static OrderStatus orderStatus(EventType type) {
        return switch (type) {
            case ORDER_PLACED -> OrderStatus.PLACED;
            case ORDER_PAID -> OrderStatus.PAID;
            case ORDER_SHIPPED -> OrderStatus.SHIPPED;
            case ORDER_CANCELLED -> OrderStatus.CANCELLED;
            default -> throw new IllegalArgumentException("not an order event: " + type);
        };
    }

    static PaymentStatus paymentStatus(EventType type) {
        return switch (type) {
            case PAYMENT_CAPTURED -> PaymentStatus.CAPTURED;
            case PAYMENT_REFUNDED -> PaymentStatus.REFUNDED;
            default -> throw new IllegalArgumentException("not a payment event: " + type);
        };
    }
}
