--liquibase formatted sql

--changeset alice:retire-note
ALTER TABLE legacy_orders DROP COLUMN note;
