-- Entity rows of one shard. Every table is keyed (or co-keyed) by customer_id, the sharding key,
-- so a customer and everything it owns live on one shard and no write spans shards.
-- `version` is the aggregate sequence the row reflects; sinks only apply strictly newer versions.

CREATE TABLE customers (
    customer_id   text        PRIMARY KEY,
    email         text,
    full_name     text,
    status        text        NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 0),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false
);
CREATE INDEX customers_email_idx ON customers (email) WHERE NOT deleted;
CREATE INDEX customers_updated_at_idx ON customers (updated_at);

CREATE TABLE orders (
    customer_id   text        NOT NULL,
    order_id      text        NOT NULL,
    status        text        NOT NULL,
    total_cents   bigint      NOT NULL CHECK (total_cents >= 0),
    currency      char(3)     NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 0),
    placed_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (customer_id, order_id)
);
CREATE INDEX orders_order_id_idx ON orders (order_id);
CREATE INDEX orders_status_placed_idx ON orders (status, placed_at DESC);
CREATE INDEX orders_updated_at_idx ON orders (updated_at);

CREATE TABLE payments (
    customer_id   text        NOT NULL,
    payment_id    text        NOT NULL,
    order_id      text        NOT NULL,
    status        text        NOT NULL,
    amount_cents  bigint      NOT NULL CHECK (amount_cents >= 0),
    currency      char(3)     NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 0),
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (customer_id, payment_id)
);
CREATE INDEX payments_updated_at_idx ON payments (updated_at);
