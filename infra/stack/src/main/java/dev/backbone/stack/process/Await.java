package dev.backbone.stack.process;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; used only for process readiness. */
public final class Await {

    private Await() {
    }

    public static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
