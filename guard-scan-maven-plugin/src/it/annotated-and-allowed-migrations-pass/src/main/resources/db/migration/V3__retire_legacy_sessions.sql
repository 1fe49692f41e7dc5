-- dbguard:allow drop reason="OPS-1234 legacy_sessions retired in 2025"
DROP TABLE legacy_sessions;
