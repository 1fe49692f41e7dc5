// The build failed on the destructive migrations, and its log names each finding with its file, line and rule.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/migration/V2__drop_task_notes.sql:2:1: error [alter-drop] ALTER TABLE tasks DROP COLUMN note: refused in production')
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:4:5: error [drop] DROP TABLE legacy_sessions: refused in production')
assert log.contains('[ERROR] src/main/resources/db/changelog/changes/002-drop-audit.yaml:6:11: error [alter-drop] ALTER TABLE audit DROP COLUMN payload: refused in production')
assert log.contains('dbguard-scan: 4 files, 4 statements: 3 errors (3 refused in production)')
assert log.contains('dbguard: the migrations hold findings at or above failOn=refuse in production:')
assert log.contains('BUILD FAILURE')
return true
