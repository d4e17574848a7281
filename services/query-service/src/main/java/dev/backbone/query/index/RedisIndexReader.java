package dev.backbone.query.index;

import dev.backbone.index.IndexKeys;
import dev.backbone.query.OrderCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link IndexReader} over a Lettuce connection made through Sentinel, so a promoted replica is
 * found. Owns no connection. Lettuce connections are thread-safe; the guard bounds concurrency.
 */
public final class RedisIndexReader implements IndexReader {

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final IndexKeys keys;

  /** @param connection supplies the shared connection, e.g. a {@link LazyRedisConnection} */
  public RedisIndexReader(Supplier<StatefulRedisConnection<String, String>> connection, IndexKeys keys) {
    this.connection = connection;
    this.keys = keys;
  }

  @Override
  public Optional<String> customerIdByEmail(String lowerCaseEmail) {
    return Optional.ofNullable(redis().get(keys.email(lowerCaseEmail)));
  }

  @Override
  public Optional<String> customerIdByOrder(String orderId) {
    return Optional.ofNullable(redis().get(keys.order(orderId)));
  }

  @Override
  public Map<String, String> customerIdsByOrders(Collection<String> orderIds) {
    Map<String, String> owners = new LinkedHashMap<>();
    if (orderIds.isEmpty()) {
      return owners;
    }
    List<String> orderList = List.copyOf(orderIds);
    List<KeyValue<String, String>> values = redis().mget(orderList.stream().map(keys::order).toArray(String[]::new));
    for (int i = 0; i < values.size(); i++) {
      KeyValue<String, String> value = values.get(i);
      if (value.hasValue()) {
        owners.put(orderList.get(i), value.getValue());
      }
    }
    return owners;
  }

  @Override
  public List<IndexedOrder> ordersByStatus(String status, OrderCursor before, int limit) {
    String key = keys.ordersByStatus(status);
    List<IndexedOrder> page = new ArrayList<>(limit);
    Range<Long> older;
    if (before == null) {
      older = Range.unbounded();
    } else {
      if (before.orderId() != null) {
        // Members tied on the cursor's score: Redis orders them by member, so take those below the cursor's id.
        for (ScoredValue<String> tied : redis().zrevrangebyscoreWithScores(key,
            Range.create(before.placedAtMillis(), before.placedAtMillis()))) {
          if (page.size() < limit && tied.getValue().compareTo(before.orderId()) < 0) {
            page.add(new IndexedOrder(tied.getValue(), (long) tied.getScore()));
          }
        }
      }
      older = Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(before.placedAtMillis()));
    }
    if (page.size() < limit) {
      for (ScoredValue<String> entry : redis().zrevrangebyscoreWithScores(key, older,
          Limit.create(0, limit - page.size()))) {
        page.add(new IndexedOrder(entry.getValue(), (long) entry.getScore()));
      }
    }
    return page;
  }

  private RedisCommands<String, String> redis() {
    return connection.get().sync();
  }
}
