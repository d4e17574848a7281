-- Reconciliation checks 2 and 3 (issue 6): shard rows against the change topics ('log') and against a
-- load generator's or drill's ledger ('ledger'), besides the index check ('index').
-- Data dictionary: docs/warehouse.md.

ALTER TABLE recon_run ADD COLUMN checks text NOT NULL DEFAULT 'index';

ALTER TABLE recon_discrepancy DROP CONSTRAINT recon_discrepancy_kind_check;
ALTER TABLE recon_discrepancy ADD CONSTRAINT recon_discrepancy_kind_check CHECK (kind IN (
    'MISSING', 'WRONG', 'EXTRA', 'CONFLICT',
    'ROW_MISSING', 'ROW_BEHIND', 'ROW_AHEAD', 'ROW_DIFFERS',
    'LEDGER_MISSING', 'LEDGER_BEHIND'));
ALTER TABLE recon_discrepancy ADD COLUMN check_name text NOT NULL DEFAULT 'index'
    CHECK (check_name IN ('index', 'log', 'ledger'));
ALTER TABLE recon_discrepancy ADD COLUMN note text;
