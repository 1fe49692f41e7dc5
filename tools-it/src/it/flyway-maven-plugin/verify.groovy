dev.dbguard.toolsit.FlywayMavenPluginCheck.verify(basedir)
