package dev.backbone.query.support;

import dev.backbone.query.lookup.QueryMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what the look-ups report. */
public final class CountingQueryMetrics implements QueryMetrics {

  private final Map<String, Integer> fallbacks = new ConcurrentHashMap<>();
  private final Map<String, Integer> stale = new ConcurrentHashMap<>();
  private final Map<Boolean, Integer> repairs = new ConcurrentHashMap<>();

  @Override
  public void fallback(String reason) {
    fallbacks.merge(reason, 1, Integer::sum);
  }

  @Override
  public void staleIndexEntry(String kind) {
    stale.merge(kind, 1, Integer::sum);
  }

  @Override
  public void indexRepair(boolean applied) {
    repairs.merge(applied, 1, Integer::sum);
  }

  public int repairs(boolean applied) {
    return repairs.getOrDefault(applied, 0);
  }

  public int fallbacks(String reason) {
    return fallbacks.getOrDefault(reason, 0);
  }

  public int stale(String kind) {
    return stale.getOrDefault(kind, 0);
  }
}
