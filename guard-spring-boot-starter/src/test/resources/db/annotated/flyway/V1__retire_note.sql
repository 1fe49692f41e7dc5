-- Reviewed in the pull request that retires the column.
-- dbguard:allow alter-drop reason="OPS-1234 note column retired"
ALTER TABLE legacy_orders DROP COLUMN note;
