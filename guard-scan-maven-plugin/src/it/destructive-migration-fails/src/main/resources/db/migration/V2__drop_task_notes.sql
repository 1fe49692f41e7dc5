-- the note column is retired
ALTER TABLE tasks DROP COLUMN note;
