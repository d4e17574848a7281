-- Load control for the warehouse. Watermarks move forward only after a committed load, in the
-- same transaction as the rows it loaded (invariant 6). Star-schema tables arrive with the ETL job.

CREATE TABLE etl_watermark (
    pipeline       text        NOT NULL,
    source_shard   text        NOT NULL,
    high_watermark timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, source_shard)
);

CREATE TABLE etl_run (
    run_id         bigserial   PRIMARY KEY,
    pipeline       text        NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    status         text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    rows_loaded    bigint      NOT NULL DEFAULT 0,
    detail         text
);
