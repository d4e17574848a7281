package dev.backbone.loadgen;

/** An order's status: PLACED, then PAID and SHIPPED, or CANCELLED (from PLACED or PAID). */
public enum OrderStatus {
    PLACED, PAID, SHIPPED, CANCELLED;

    /** Whether the order can still change. */
    public boolean isOpen() {
        return this == PLACED || this == PAID;
    }
}
