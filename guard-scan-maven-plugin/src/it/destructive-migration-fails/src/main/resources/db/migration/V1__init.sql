CREATE TABLE tasks (id bigint PRIMARY KEY, title text NOT NULL, note text);
