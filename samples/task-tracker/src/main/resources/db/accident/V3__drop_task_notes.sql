-- Notes moved to the new comments service; the column "is not used any more".
ALTER TABLE tasks DROP COLUMN note;
