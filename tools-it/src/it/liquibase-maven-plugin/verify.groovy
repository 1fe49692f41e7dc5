dev.dbguard.toolsit.LiquibaseCheck.verify(basedir)
