-- Resumable reconciliation runs (issue 6). A run stores the options it started with, and every unit
-- of work it finishes (an index family, a pass of the log check, the ledger) is recorded together
-- with that unit's discrepancies in one transaction: a run killed between units loses nothing, and
-- `./backbone reconcile --resume` skips the recorded units, so nothing is done or reported twice.
-- Data dictionary: docs/warehouse.md.

-- The options a resumed run must keep. Null in runs recorded before V5, which cannot be resumed.
ALTER TABLE recon_run
    ADD COLUMN id_prefix   text,
    ADD COLUMN passes      integer CHECK (passes BETWEEN 1 AND 65536),
    ADD COLUMN ledger      text,
    ADD COLUMN key_prefix  text,
    ADD COLUMN resumes     integer NOT NULL DEFAULT 0 CHECK (resumes >= 0);

CREATE TABLE recon_progress (
    run_id              bigint      NOT NULL REFERENCES recon_run (run_id),
    check_name          text        NOT NULL CHECK (check_name IN ('index', 'log', 'ledger')),
    unit                text        NOT NULL,
    finished_at         timestamptz NOT NULL DEFAULT now(),
    entries_checked     bigint      NOT NULL CHECK (entries_checked >= 0),
    segments_differing  integer     NOT NULL CHECK (segments_differing >= 0),
    discrepancies       integer     NOT NULL CHECK (discrepancies >= 0),
    unrepaired          bigint      NOT NULL CHECK (unrepaired >= 0),
    duration_ms         bigint      NOT NULL CHECK (duration_ms >= 0),
    -- A unit is recorded once per run: a second attempt (two resumes racing) fails and rolls back
    -- its discrepancies with it.
    PRIMARY KEY (run_id, check_name, unit)
);

-- Which unit found the discrepancy. Null in runs recorded before V5.
ALTER TABLE recon_discrepancy ADD COLUMN unit text;
