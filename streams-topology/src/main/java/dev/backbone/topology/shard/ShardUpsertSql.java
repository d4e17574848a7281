package dev.backbone.topology.shard;

/**
 * Version-guarded upserts into the shard tables of {@code db/shard/V1__entity_tables.sql}: a row
 * only changes when the incoming version is strictly newer, so replays and duplicates are no-ops.
 */
final class ShardUpsertSql {

  static final String CUSTOMER = """
      INSERT INTO customers AS stored
        (customer_id, email, full_name, status, version, created_at, updated_at, deleted)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (customer_id) DO UPDATE SET
        email = excluded.email, full_name = excluded.full_name, status = excluded.status,
        version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
        deleted = excluded.deleted
      WHERE stored.version < excluded.version""";

  static final String ORDER = """
      INSERT INTO orders AS stored
        (customer_id, order_id, status, total_cents, currency, version, placed_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (customer_id, order_id) DO UPDATE SET
        status = excluded.status, total_cents = excluded.total_cents, currency = excluded.currency,
        version = excluded.version, placed_at = excluded.placed_at, updated_at = excluded.updated_at
      WHERE stored.version < excluded.version""";

  static final String PAYMENT = """
      INSERT INTO payments AS stored
        (customer_id, payment_id, order_id, status, amount_cents, currency, version, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (customer_id, payment_id) DO UPDATE SET
        order_id = excluded.order_id, status = excluded.status, amount_cents = excluded.amount_cents,
        currency = excluded.currency, version = excluded.version, updated_at = excluded.updated_at
      WHERE stored.version < excluded.version""";

  private ShardUpsertSql() {
  }
}
