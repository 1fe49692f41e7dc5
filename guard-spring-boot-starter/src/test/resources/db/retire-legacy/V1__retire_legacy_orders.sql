-- Retires a table nobody reads any more: exactly what dbguard refuses in production unless told otherwise.
DROP TABLE legacy_orders;
