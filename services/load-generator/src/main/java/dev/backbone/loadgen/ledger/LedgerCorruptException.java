package dev.backbone.loadgen.ledger;

/** A ledger file is damaged somewhere other than its last line: it was not only cut short. */
public final class LedgerCorruptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LedgerCorruptException(String message) {
        super(message);
    }

    LedgerCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
