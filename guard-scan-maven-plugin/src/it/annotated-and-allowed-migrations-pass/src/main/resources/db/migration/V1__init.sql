CREATE TABLE tasks (id bigint PRIMARY KEY, title text NOT NULL, note text);
DELETE FROM tasks WHERE id = 1;
