package dev.backbone.chaos;

/** The system did not behave as the drill expects (it did not heal, converge, or fail over in time). */
public final class DrillFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DrillFailedException(String message) {
        super(message);
    }
}
