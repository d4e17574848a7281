package dev.backbone.query.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a real system until a condition holds (failover and reconnects take real time). */
final class Eventually {

  private Eventually() {
  }

  static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout + "; last: " + last);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = probe.get();
    }
    return last;
  }
}
