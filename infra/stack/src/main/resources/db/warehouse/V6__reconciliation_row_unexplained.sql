-- Check 2 compares the shard rows with the fold's state stores' changelogs (compacted, never expiring)
-- instead of the change topics (7-day retention): a row no stored state explains is now reported, as
-- its own kind, ROW_UNEXPLAINED (before: ROW_AHEAD while the change topics were complete, else not
-- reported). Data dictionary: docs/warehouse.md.

ALTER TABLE recon_discrepancy DROP CONSTRAINT recon_discrepancy_kind_check;
ALTER TABLE recon_discrepancy ADD CONSTRAINT recon_discrepancy_kind_check CHECK (kind IN (
    'MISSING', 'WRONG', 'EXTRA', 'CONFLICT',
    'ROW_MISSING', 'ROW_BEHIND', 'ROW_AHEAD', 'ROW_DIFFERS', 'ROW_UNEXPLAINED',
    'LEDGER_MISSING', 'LEDGER_BEHIND'));
