package dev.backbone.loadgen;

/** A payment's status: CAPTURED, then possibly REFUNDED. */
public enum PaymentStatus {
    CAPTURED, REFUNDED
}
