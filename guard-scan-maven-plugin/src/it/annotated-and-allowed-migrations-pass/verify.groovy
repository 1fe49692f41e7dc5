// The annotated drop is a note with its reason, the allow-listed drop (from the project's application.properties)
// a warning; the build passes, and the SARIF report asked for on the command line is written.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] src/main/resources/db/migration/V3__retire_legacy_sessions.sql:2:1: note [drop] DROP TABLE legacy_sessions: allowed by annotation (reason: OPS-1234 legacy_sessions retired in 2025)')
assert log.contains('[WARNING] src/main/resources/db/migration/V2__drop_task_notes.sql:1:1: warning [alter-drop] ALTER TABLE tasks DROP COLUMN note: runs in production because the allow-list matches it')
assert log.contains('dbguard-scan: 3 files, 4 statements: 0 errors (0 refused in production), 1 warning, 1 allowed')
assert log.contains('BUILD SUCCESS')
def sarif = new File(basedir, 'target/dbguard-scan.sarif')
assert sarif.isFile()
def report = new groovy.json.JsonSlurper().parse(sarif)
assert report.version == '2.1.0'
assert report.runs[0].results*.level == ['warning', 'note']
return true
