--liquibase formatted sql

--changeset alice:retire-note
-- dbguard:allow alter-drop reason="OPS-1234 note column retired"
ALTER TABLE legacy_orders DROP COLUMN note;
