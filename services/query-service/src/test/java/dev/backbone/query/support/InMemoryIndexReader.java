package dev.backbone.query.support;

import dev.backbone.query.OrderCursor;
import dev.backbone.query.index.IndexReader;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The index in memory, keyed like the real one; {@link #down(boolean)} makes every read fail. */
public final class InMemoryIndexReader implements IndexReader {

  private final Map<String, String> emails = new ConcurrentHashMap<>();
  private final Map<String, String> orderOwners = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> statusSets = new ConcurrentHashMap<>();
  private volatile boolean down;
  private volatile long delayMillis;

  public InMemoryIndexReader email(String email, String customerId) {
    emails.put(email.toLowerCase(java.util.Locale.ROOT), customerId);
    return this;
  }

  public InMemoryIndexReader order(String orderId, String customerId) {
    orderOwners.put(orderId, customerId);
    return this;
  }

  public InMemoryIndexReader status(String status, String orderId, long placedAtMillis) {
    statusSets.computeIfAbsent(status, s -> new ConcurrentHashMap<>()).put(orderId, placedAtMillis);
    return this;
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** Makes every read take this long (a slow Redis). */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  @Override
  public Optional<String> customerIdByEmail(String lowerCaseEmail) {
    read();
    return Optional.ofNullable(emails.get(lowerCaseEmail));
  }

  @Override
  public Optional<String> customerIdByOrder(String orderId) {
    read();
    return Optional.ofNullable(orderOwners.get(orderId));
  }

  @Override
  public Map<String, String> customerIdsByOrders(Collection<String> orderIds) {
    read();
    Map<String, String> owners = new LinkedHashMap<>();
    orderIds.forEach(id -> Optional.ofNullable(orderOwners.get(id)).ifPresent(owner -> owners.put(id, owner)));
    return owners;
  }

  @Override
  public List<IndexedOrder> ordersByStatus(String status, OrderCursor before, int limit) {
    read();
    return statusSets.getOrDefault(status, Map.of()).entrySet().stream()
        .map(e -> new IndexedOrder(e.getKey(), e.getValue()))
        .filter(e -> before == null || before.admits(e.cursor()))
        .sorted(Comparator.comparing(IndexedOrder::cursor, OrderCursor.NEWEST_FIRST)).limit(limit).toList();
  }

  private void read() {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted (fake)", e);
      }
    }
    if (down) {
      throw new IllegalStateException("redis is down (fake)");
    }
  }
}
