package dev.backbone.query.index;

import dev.backbone.query.OrderCursor;
import dev.backbone.query.guard.DependencyFailure;
import dev.backbone.query.guard.DependencyGuard;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The index behind its {@link DependencyGuard}: every read is time-limited, bulkheaded and
 * circuit-broken; any failure surfaces as {@link IndexUnavailableException}, the signal to fall back
 * to scatter-gather.
 */
public final class IndexGateway implements AutoCloseable {

  private final IndexReader reader;
  private final DependencyGuard guard;

  public IndexGateway(IndexReader reader, DependencyGuard guard) {
    this.reader = reader;
    this.guard = guard;
  }

  public Optional<String> customerIdByEmail(String lowerCaseEmail) {
    return guarded(() -> reader.customerIdByEmail(lowerCaseEmail));
  }

  public Optional<String> customerIdByOrder(String orderId) {
    return guarded(() -> reader.customerIdByOrder(orderId));
  }

  public Map<String, String> customerIdsByOrders(Collection<String> orderIds) {
    return guarded(() -> reader.customerIdsByOrders(orderIds));
  }

  public List<IndexReader.IndexedOrder> ordersByStatus(String status, OrderCursor before, int limit) {
    return guarded(() -> reader.ordersByStatus(status, before, limit));
  }

  public DependencyGuard guard() {
    return guard;
  }

  /** Stops the bulkhead's threads. */
  @Override
  public void close() {
    guard.close();
  }

  private <T> T guarded(Callable<T> call) {
    try {
      return guard.call(call);
    } catch (DependencyFailure e) {
      throw new IndexUnavailableException(e.getCause());
    }
  }
}
