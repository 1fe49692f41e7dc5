dev.dbguard.toolsit.ToolProject.setUp(basedir)
