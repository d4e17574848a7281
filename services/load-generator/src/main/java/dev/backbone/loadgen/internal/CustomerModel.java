package dev.backbone.loadgen.internal;

import dev.backbone.contracts.Sequence;
import dev.backbone.loadgen.OrderStatus;
import java.util.ArrayList;
import java.util.List;

/** What the workload knows about one customer: its version, e-mail and orders. */
final class CustomerModel {

    private final String id;
    private final List<Order> orders = new ArrayList<>();
    private long sequence;
    private int emails;
    private String email;
    private boolean deleted;

    CustomerModel(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    long sequence() {
        return sequence;
    }

    Sequence nextSequence() {
        return Sequence.of(++sequence);
    }

    String email() {
        return email;
    }

    /** A new address, unique across customers and across this customer's history. */
    String newEmail() {
        email = id.toLowerCase(java.util.Locale.ROOT) + "." + (emails++) + "@example.com";
        return email;
    }

    void markDeleted() {
        deleted = true;
    }

    boolean deleted() {
        return deleted;
    }

    Order placeOrder() {
        Order order = new Order(id + "-o" + orders.size());
        orders.add(order);
        return order;
    }

    List<Order> openOrders() {
        return orders.stream().filter(o -> o.status().isOpen()).toList();
    }

    /** One order of the customer; its payment id is set once it is paid. */
    static final class Order {
        private final String id;
        private long sequence;
        private OrderStatus status;
        private long totalMinor;
        private String paymentId;

        Order(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        OrderStatus status() {
            return status;
        }

        Sequence advance(OrderStatus next) {
            status = next;
            return Sequence.of(++sequence);
        }

        long totalMinor() {
            return totalMinor;
        }

        void totalMinor(long value) {
            totalMinor = value;
        }

        String paymentId() {
            return paymentId;
        }

        void paymentId(String value) {
            paymentId = value;
        }
    }
}
