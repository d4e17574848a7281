package dev.backbone.loadgen.ledger;

import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.PaymentStatus;
import java.util.Map;

/**
 * The final state the backbone must show for the events in a ledger, per entity: what a shard row
 * (or an index entry) is compared with after a run or a drill.
 *
 * @param customers by customer id
 * @param orders by order id
 * @param payments by payment id
 * @param events distinct acknowledged event ids folded
 */
public record ExpectedState(Map<String, Customer> customers, Map<String, Order> orders, Map<String, Payment> payments, long events) {

    /** Copies the maps. */
    public ExpectedState {
        customers = Map.copyOf(customers);
        orders = Map.copyOf(orders);
        payments = Map.copyOf(payments);
    }

    /**
     * A customer's expected row.
     *
     * @param customerId the id
     * @param sequence the latest acknowledged version: the row's version
     * @param email the e-mail of the latest acknowledged registration or e-mail change
     *     ({@code null} when none of them was acknowledged)
     * @param deleted whether a deletion was acknowledged (the row is a tombstone)
     */
    public record Customer(String customerId, long sequence, String email, boolean deleted) {
    }

    /**
     * An order's expected row.
     *
     * @param orderId the id
     * @param customerId its customer (and shard key)
     * @param sequence the latest acknowledged version
     * @param status the status of that version
     */
    public record Order(String orderId, String customerId, long sequence, OrderStatus status) {
    }

    /**
     * A payment's expected state.
     *
     * @param paymentId the id
     * @param customerId its customer
     * @param sequence the latest acknowledged version
     * @param status the status of that version
     */
    public record Payment(String paymentId, String customerId, long sequence, PaymentStatus status) {
    }
}
