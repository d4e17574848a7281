package dev.backbone.etl.recon;

/**
 * One customer, or one order of a customer, as the log and ledger checks name it. The customer id
 * is the sharding key, so it is part of an order's key too.
 */
record EntityRef(EntityFamily family, String customerId, String orderId) {

    static EntityRef customer(String customerId) {
        return new EntityRef(EntityFamily.CUSTOMER, customerId, null);
    }

    static EntityRef order(String customerId, String orderId) {
        return new EntityRef(EntityFamily.ORDER, customerId, orderId);
    }

    /** {@code customer:<id>} or {@code order:<customer id>|<order id>}: the digest key, as {@link EntityFamily}'s SQL builds it. */
    String key() {
        return family == EntityFamily.CUSTOMER ? "customer:" + customerId : "order:" + customerId + "|" + orderId;
    }
}
