-- The same migration without the annotation.
ALTER TABLE legacy_orders DROP COLUMN note;
