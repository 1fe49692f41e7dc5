CREATE TABLE customers (id int PRIMARY KEY, name varchar(100), legacy_code varchar(20));
INSERT INTO customers VALUES (1, 'Ada', 'A1'), (2, 'Grace', 'G2');
