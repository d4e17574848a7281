package dev.backbone.chaos.probe;

import java.time.Instant;

/**
 * One probe query and how it was judged.
 *
 * @param at when the answer came
 * @param kind what was asked
 * @param shard the shard owning the asked entity
 * @param outcome how the answer compares with the ledger
 * @param path the {@code X-Backbone-Path} answered by, "" when none
 * @param latencyMicros request to full answer
 * @param detail what was wrong or failed, "" when fine
 */
public record ProbeResult(Instant at, Kind kind, int shard, Outcome outcome, String path, long latencyMicros, String detail) {

    /** The look-ups the probe asks. */
    public enum Kind {
        /** {@code GET /customers/{id}}: straight to the owning shard. */
        CUSTOMER_BY_ID,
        /** {@code GET /customers?email=}: through the index. */
        CUSTOMER_BY_EMAIL,
        /** {@code GET /orders/{id}}: through the index. */
        ORDER_BY_ID
    }

    /** How an answer is judged. */
    public enum Outcome {
        /** A row that agrees with the ledger. */
        OK,
        /** 404: allowed (not projected yet, deleted, e-mail moved on). */
        NOT_FOUND,
        /** 503 or no answer in time: degraded, not wrong. */
        UNAVAILABLE,
        /** A row the ledger contradicts: the one thing that must never happen. */
        WRONG,
        /** Any other status (400, 500): a bug, counted with wrong answers in the verdict. */
        ERROR
    }
}
