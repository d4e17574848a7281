-- Reconciliation runs and every discrepancy they found (etl/reconciliation). Data dictionary: docs/warehouse.md.

CREATE TABLE recon_run (
    run_id              bigserial   PRIMARY KEY,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz,
    mode                text        NOT NULL CHECK (mode IN ('DRY_RUN', 'REPAIR')),
    status              text        NOT NULL CHECK (status IN ('RUNNING', 'CLEAN', 'REPAIRED', 'DRIFT', 'FAILED')),
    entries_checked     bigint      NOT NULL DEFAULT 0,
    segments_differing  integer     NOT NULL DEFAULT 0,
    discrepancies       integer     NOT NULL DEFAULT 0,
    unrepaired          bigint      NOT NULL DEFAULT 0,
    detail              text
);

CREATE TABLE recon_discrepancy (
    run_id    bigint  NOT NULL REFERENCES recon_run (run_id),
    id        bigserial,
    family    text    NOT NULL,
    kind      text    NOT NULL CHECK (kind IN ('MISSING', 'WRONG', 'EXTRA', 'CONFLICT')),
    key       text    NOT NULL,
    shard     text,
    expected  text,
    found     text,
    repaired  boolean NOT NULL,
    PRIMARY KEY (run_id, id)
);
