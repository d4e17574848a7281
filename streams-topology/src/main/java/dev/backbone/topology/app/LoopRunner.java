package dev.backbone.topology.app;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sink's poll step on its own thread until closed. {@link #close()} drains: the step in
 * progress finishes (its write and commit), then the loop's resources are closed on the loop thread.
 * Retriable Kafka errors (a commit lost to a rebalance) are logged and the loop goes on (what was not
 * committed is re-delivered and absorbed by the idempotent sinks); anything else stops the loop and
 * is reported to {@code onFailure}.
 */
final class LoopRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoopRunner.class);

  /** One step of a loop. */
  @FunctionalInterface
  interface Step {
    void run() throws InterruptedException;
  }

  private final String name;
  private final Step step;
  private final Runnable closer;
  private final Consumer<Throwable> onFailure;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;

  LoopRunner(String name, Runnable init, Step step, Runnable closer, Consumer<Throwable> onFailure) {
    this.name = Objects.requireNonNull(name, "name");
    this.step = Objects.requireNonNull(step, "step");
    this.closer = Objects.requireNonNull(closer, "closer");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    this.thread = new Thread(() -> loop(init), name);
  }

  void start() {
    thread.start();
  }

  /** {@code true} while the loop runs. */
  boolean alive() {
    return thread.isAlive() && failure.get() == null;
  }

  private void loop(Runnable init) {
    try {
      init.run();
      while (running) {
        try {
          step.run();
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
          LOG.warn("{}: commit not done, the changes will be re-delivered: {}", name, e.toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: stopped by an unexpected error", name, e);
      failure.set(e);
      onFailure.accept(e);
    } finally {
      closer.run();
      LOG.info("{}: stopped", name);
    }
  }

  /** Stops after the current step and waits up to {@code timeout} for it. */
  void close(Duration timeout) {
    running = false;
    try {
      thread.join(timeout.toMillis());
      if (thread.isAlive()) {
        LOG.warn("{}: did not stop within {}, interrupting", name, timeout);
        thread.interrupt();
        thread.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
