package dev.backbone.query.index;

import dev.backbone.index.IndexScripts;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.function.Supplier;

/** {@link IndexRepairs} with the shared compare-and-set {@link IndexScripts}. Owns no connection. */
public final class RedisIndexRepairs implements IndexRepairs {

  private final Supplier<StatefulRedisConnection<String, String>> connection;

  public RedisIndexRepairs(Supplier<StatefulRedisConnection<String, String>> connection) {
    this.connection = connection;
  }

  @Override
  public boolean removeIfUnchanged(StaleEntry entry) {
    Long applied;
    if (entry.member() == null) {
      if (entry.indexedCustomerId() == null) {
        return false;
      }
      applied = connection.get().sync().eval(IndexScripts.STRING_COMPARE_AND_SET, ScriptOutputType.INTEGER,
          new String[] {entry.key()}, entry.indexedCustomerId(), "");
    } else {
      if (entry.observedScore() == null) {
        return false;
      }
      applied = connection.get().sync().eval(IndexScripts.STATUS_MEMBER_COMPARE_AND_SET, ScriptOutputType.INTEGER,
          new String[] {entry.key()}, entry.member(), Long.toString(entry.observedScore()), "");
    }
    return applied != null && applied == 1L;
  }
}
