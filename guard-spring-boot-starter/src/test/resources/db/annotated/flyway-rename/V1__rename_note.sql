-- Not additive: the running version of the application still reads note.
ALTER TABLE legacy_orders RENAME COLUMN note TO memo;
