package dev.backbone.loadgen.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.loadgen.OrderStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic (seeded) model of {@code customers} customers that yields a realistic,
 * schema-valid event stream: every customer registers first; then profile and e-mail changes,
 * orders that progress PLACED → PAID → SHIPPED or are CANCELLED (a paid one with a refund), payment
 * captures and refunds, and a few deletions. Each entity's sequence starts at 1 and grows by one
 * per event; a deleted customer gets no further events. Not thread-safe: one publishing thread.
 */
public final class EventMix {

    /** Share of customers that may be deleted, at most. */
    static final double MAX_DELETED_SHARE = 0.05;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] CARRIERS = {"DHL", "UPS", "GLS", "DPD"};
    private static final String[] METHODS = {"CARD", "BANK_TRANSFER", "WALLET"};
    private static final String[] CANCEL_REASONS = {"CUSTOMER_REQUEST", "OUT_OF_STOCK", "PAYMENT_FAILED"};

    private final String idPrefix;
    private final List<CustomerModel> customers = new ArrayList<>();
    private final List<CustomerModel> live = new ArrayList<>();
    private final Deque<PlannedEvent> followUps = new ArrayDeque<>();
    private final SplittableRandom random;
    private final int maxDeleted;
    private int registered;
    private int deleted;

    /**
     * @param idPrefix prefix of every customer id ({@code <prefix>-c<n>}); unique per run keeps runs apart
     * @param customers how many customers, at least 1
     * @param seed the same seed yields the same events (ids and times aside)
     */
    public EventMix(String idPrefix, int customers, long seed) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be >= 1 but was " + customers);
        }
        this.idPrefix = idPrefix;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < customers; i++) {
            this.customers.add(new CustomerModel(idPrefix + "-c" + i));
        }
        this.maxDeleted = (int) Math.floor(customers * MAX_DELETED_SHARE);
    }

    /** The next event to publish. */
    public PlannedEvent next() {
        if (!followUps.isEmpty()) {
            return followUps.poll();
        }
        if (registered < customers.size() && (live.isEmpty() || random.nextInt(4) == 0)) {
            return register(customers.get(registered++));
        }
        if (live.isEmpty()) {
            // every customer is deleted (only possible with very few customers): a new one signs up
            CustomerModel customer = new CustomerModel(idPrefix + "-c" + customers.size());
            customers.add(customer);
            registered++;
            return register(customer);
        }
        CustomerModel customer = live.get(random.nextInt(live.size()));
        int roll = random.nextInt(100);
        if (roll < 8) {
            return profileChanged(customer);
        }
        if (roll < 16) {
            return emailChanged(customer);
        }
        if (roll < 18 && deleted < maxDeleted && customer.openOrders().isEmpty()) {
            return delete(customer);
        }
        List<CustomerModel.Order> open = customer.openOrders();
        if (roll < 45 || open.isEmpty()) {
            return placeOrder(customer);
        }
        return advance(customer, open.get(random.nextInt(open.size())));
    }

    /** The prefix of every customer id of this mix. */
    public String idPrefix() {
        return idPrefix;
    }

    private PlannedEvent register(CustomerModel customer) {
        live.add(customer);
        String email = customer.newEmail();
        ObjectNode data = customerData(customer).put("email", email).put("fullName", "Customer " + customer.id());
        if (random.nextBoolean()) {
            data.put("phone", "+4930" + (1_000_000 + random.nextInt(9_000_000)));
        }
        return new PlannedEvent(EventType.CUSTOMER_REGISTERED, customer.id(), customer.id(), customer.nextSequence(), email, data);
    }

    private PlannedEvent profileChanged(CustomerModel customer) {
        ObjectNode data = customerData(customer).put("fullName", "Customer " + customer.id() + " v" + customer.sequence());
        ObjectNode address = data.putObject("address");
        address.put("line1", (1 + random.nextInt(200)) + " Main Street").put("city", "Berlin")
                .put("postalCode", String.valueOf(10_000 + random.nextInt(90_000))).put("country", "DE");
        return new PlannedEvent(EventType.CUSTOMER_PROFILE_CHANGED, customer.id(), customer.id(), customer.nextSequence(), null, data);
    }

    private PlannedEvent emailChanged(CustomerModel customer) {
        String previous = customer.email();
        String email = customer.newEmail();
        ObjectNode data = customerData(customer).put("previousEmail", previous).put("email", email);
        return new PlannedEvent(EventType.CUSTOMER_EMAIL_CHANGED, customer.id(), customer.id(), customer.nextSequence(), email, data);
    }

    private PlannedEvent delete(CustomerModel customer) {
        live.remove(customer);
        deleted++;
        customer.markDeleted();
        ObjectNode data = customerData(customer).put("reason", random.nextBoolean() ? "CUSTOMER_REQUEST" : "INACTIVITY");
        return new PlannedEvent(EventType.CUSTOMER_DELETED, customer.id(), customer.id(), customer.nextSequence(), null, data);
    }

    private PlannedEvent placeOrder(CustomerModel customer) {
        CustomerModel.Order order = customer.placeOrder();
        ObjectNode data = orderData(customer, order);
        var items = data.putArray("items");
        long total = 0;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(3);
            long unitPrice = 100 + random.nextInt(9_900);
            items.addObject().put("sku", "SKU-" + random.nextInt(1_000)).put("quantity", quantity).put("unitPriceMinor", unitPrice);
            total += quantity * unitPrice;
        }
        order.totalMinor(total);
        data.put("currency", "EUR").put("totalMinor", total);
        return new PlannedEvent(EventType.ORDER_PLACED, customer.id(), order.id(), order.advance(OrderStatus.PLACED), null, data);
    }

    private PlannedEvent advance(CustomerModel customer, CustomerModel.Order order) {
        int roll = random.nextInt(10);
        if (order.status() == OrderStatus.PLACED) {
            return roll < 8 ? pay(customer, order) : cancel(customer, order, false);
        }
        // PAID
        return roll < 9 ? ship(customer, order) : cancel(customer, order, true);
    }

    private PlannedEvent pay(CustomerModel customer, CustomerModel.Order order) {
        String paymentId = order.id().replace("-o", "-p");
        order.paymentId(paymentId);
        ObjectNode capture = paymentData(customer, order).put("method", METHODS[random.nextInt(METHODS.length)]);
        ObjectNode paid = orderData(customer, order).put("paymentId", paymentId).put("amountMinor", order.totalMinor()).put("currency", "EUR");
        followUps.add(new PlannedEvent(EventType.ORDER_PAID, customer.id(), order.id(), order.advance(OrderStatus.PAID), null, paid));
        return new PlannedEvent(EventType.PAYMENT_CAPTURED, customer.id(), paymentId, Sequence.of(1), null, capture);
    }

    private PlannedEvent ship(CustomerModel customer, CustomerModel.Order order) {
        ObjectNode data = orderData(customer, order).put("carrier", CARRIERS[random.nextInt(CARRIERS.length)])
                .put("trackingNumber", "TRK" + Long.toString(Math.abs(random.nextLong()), 36).toUpperCase(Locale.ROOT));
        return new PlannedEvent(EventType.ORDER_SHIPPED, customer.id(), order.id(), order.advance(OrderStatus.SHIPPED), null, data);
    }

    private PlannedEvent cancel(CustomerModel customer, CustomerModel.Order order, boolean refund) {
        ObjectNode data = orderData(customer, order).put("reason", CANCEL_REASONS[random.nextInt(CANCEL_REASONS.length)]);
        PlannedEvent cancelled = new PlannedEvent(EventType.ORDER_CANCELLED, customer.id(), order.id(),
                order.advance(OrderStatus.CANCELLED), null, data);
        if (refund) {
            ObjectNode refunded = paymentData(customer, order).put("reason", "order cancelled");
            followUps.add(new PlannedEvent(EventType.PAYMENT_REFUNDED, customer.id(), order.paymentId(), Sequence.of(2), null, refunded));
        }
        return cancelled;
    }

    private static ObjectNode customerData(CustomerModel customer) {
        return JSON.objectNode().put("customerId", customer.id());
    }

    private static ObjectNode orderData(CustomerModel customer, CustomerModel.Order order) {
        return JSON.objectNode().put("orderId", order.id()).put("customerId", customer.id());
    }

    private static ObjectNode paymentData(CustomerModel customer, CustomerModel.Order order) {
        return JSON.objectNode().put("paymentId", order.paymentId()).put("orderId", order.id()).put("customerId", customer.id())
                .put("amountMinor", order.totalMinor()).put("currency", "EUR");
    }
}
