package dev.backbone.etl.recon;

/**
 * One customer, or one order or payment of a customer, as the log and ledger checks name it. The
 * customer id is the sharding key, so it is part of an order's or payment's key too.
 *
 * @param entityId the order or payment id; {@code null} for a customer
 */
record EntityRef(EntityFamily family, String customerId, String entityId) {

    static EntityRef customer(String customerId) {
        return new EntityRef(EntityFamily.CUSTOMER, customerId, null);
    }

    static EntityRef order(String customerId, String orderId) {
        return new EntityRef(EntityFamily.ORDER, customerId, orderId);
    }

    static EntityRef payment(String customerId, String paymentId) {
        return new EntityRef(EntityFamily.PAYMENT, customerId, paymentId);
    }

    /**
     * {@code customer:<id>}, {@code order:<customer id>|<order id>} or {@code payment:<customer id>|<payment id>}: the
     * digest key, as {@link EntityFamily}'s SQL builds it.
     */
    String key() {
        return family == EntityFamily.CUSTOMER ? "customer:" + customerId : family.label() + ":" + customerId + "|" + entityId;
    }
}
