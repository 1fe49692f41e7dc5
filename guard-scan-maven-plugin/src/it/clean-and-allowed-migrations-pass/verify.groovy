// The allow-listed drop (from the project's application.properties) is a warning, the build passes, and the SARIF
// report asked for on the command line is written.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] src/main/resources/db/migration/V2__drop_task_notes.sql:1:1: warning [alter-drop] ALTER TABLE tasks DROP COLUMN note: runs in production because the allow-list matches it')
assert log.contains('dbguard-scan: 2 files, 3 statements: 0 errors (0 refused in production), 1 warning')
assert log.contains('BUILD SUCCESS')
def sarif = new File(basedir, 'target/dbguard-scan.sarif')
assert sarif.isFile()
assert new groovy.json.JsonSlurper().parse(sarif).version == '2.1.0'
return true
