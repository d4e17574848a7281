-- Change tracking for the batch ETL (etl/batch-etl).
--
-- Every version a row passes through is kept in an append-only *_versions table, written by a
-- trigger, so the warehouse can rebuild history (SCD2, order status timestamps) identically from
-- any window: incremental loads and a backfill see the same versions.
--
-- Each version row carries change_xid, the id of the transaction that wrote it. The ETL reads rows
-- with change_xid >= its watermark and then moves the watermark to the xmin of the snapshot it read
-- with: every transaction below xmin had finished, so a transaction that commits late always has an
-- id >= the new watermark and is read next time. Rows are never skipped; some are read twice, and
-- the warehouse loads are idempotent upserts.

ALTER TABLE customers ADD COLUMN IF NOT EXISTS country text;

CREATE TABLE customer_versions (
    customer_id   text        NOT NULL,
    version       bigint      NOT NULL,
    email         text,
    full_name     text,
    country       text,
    status        text        NOT NULL,
    deleted       boolean     NOT NULL,
    updated_at    timestamptz NOT NULL,
    change_xid    xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (customer_id, version)
);
CREATE INDEX customer_versions_change_xid_idx ON customer_versions (change_xid);

CREATE TABLE order_versions (
    customer_id   text        NOT NULL,
    order_id      text        NOT NULL,
    version       bigint      NOT NULL,
    status        text        NOT NULL,
    total_cents   bigint      NOT NULL,
    currency      char(3)     NOT NULL,
    placed_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    change_xid    xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (customer_id, order_id, version)
);
CREATE INDEX order_versions_change_xid_idx ON order_versions (change_xid);

CREATE TABLE payment_versions (
    customer_id   text        NOT NULL,
    payment_id    text        NOT NULL,
    version       bigint      NOT NULL,
    order_id      text        NOT NULL,
    status        text        NOT NULL,
    amount_cents  bigint      NOT NULL,
    currency      char(3)     NOT NULL,
    updated_at    timestamptz NOT NULL,
    change_xid    xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (customer_id, payment_id, version)
);
CREATE INDEX payment_versions_change_xid_idx ON payment_versions (change_xid);

-- ON CONFLICT DO NOTHING: a replayed version (same aggregate version) is already recorded.
CREATE FUNCTION record_customer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_versions (customer_id, version, email, full_name, country, status, deleted, updated_at)
    VALUES (NEW.customer_id, NEW.version, NEW.email, NEW.full_name, NEW.country, NEW.status, NEW.deleted, NEW.updated_at)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION record_order_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO order_versions (customer_id, order_id, version, status, total_cents, currency, placed_at, updated_at)
    VALUES (NEW.customer_id, NEW.order_id, NEW.version, NEW.status, NEW.total_cents, NEW.currency, NEW.placed_at, NEW.updated_at)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION record_payment_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO payment_versions (customer_id, payment_id, version, order_id, status, amount_cents, currency, updated_at)
    VALUES (NEW.customer_id, NEW.payment_id, NEW.version, NEW.order_id, NEW.status, NEW.amount_cents, NEW.currency, NEW.updated_at)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER customers_record_version AFTER INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION record_customer_version();
CREATE TRIGGER orders_record_version AFTER INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION record_order_version();
CREATE TRIGGER payments_record_version AFTER INSERT OR UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION record_payment_version();
