CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE audit_tmp_2024 (id int PRIMARY KEY, note text);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
