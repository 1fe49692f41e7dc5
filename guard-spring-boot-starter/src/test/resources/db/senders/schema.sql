-- A development schema script left enabled in production.
CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY);
DROP TABLE customers;
CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100));
