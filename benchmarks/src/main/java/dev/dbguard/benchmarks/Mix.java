package dev.dbguard.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pgbench-like transaction of four autocommitted statements on {@code bench_accounts}: read by key, update by key,
 * insert a new row, delete that row by key. None is destructive, so a guard in block mode lets every one through;
 * the table keeps its size.
 */
enum Mix {

    /** Prepared statements with parameters: four distinct statement texts, whatever the values. */
    PREPARED("prepared statements") {
        @Override
        void transaction(Connection connection, long key, long id, long delta) throws SQLException {
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT id, balance, note FROM bench_accounts WHERE id = ?")) {
                read.setLong(1, key);
                readOne(read.executeQuery());
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench_accounts SET balance = balance + ? WHERE id = ?")) {
                update.setLong(1, delta);
                update.setLong(2, key);
                expectOne(update.executeUpdate(), "UPDATE");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_accounts (id, balance, note) VALUES (?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setLong(2, delta);
                insert.setString(3, "transfer");
                expectOne(insert.executeUpdate(), "INSERT");
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bench_accounts WHERE id = ?")) {
                delete.setLong(1, id);
                expectOne(delete.executeUpdate(), "DELETE");
            }
        }
    },

    /**
     * The same work with literals written into the SQL: every statement text is new, so no verdict cache (nor
     * Druid's white list) ever hits.
     */
    INLINED("literals inlined, every text distinct") {
        @Override
        void transaction(Connection connection, long key, long id, long delta) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                readOne(statement.executeQuery("SELECT id, balance, note FROM bench_accounts WHERE id = " + key
                        + " AND balance > -" + id));
                expectOne(statement.executeUpdate("UPDATE bench_accounts SET balance = balance + " + delta
                        + " WHERE id = " + key + " AND id <> -" + id), "UPDATE");
                expectOne(statement.executeUpdate("INSERT INTO bench_accounts (id, balance, note) VALUES (" + id
                        + ", " + delta + ", 'transfer " + id + "')"), "INSERT");
                expectOne(statement.executeUpdate("DELETE FROM bench_accounts WHERE id = " + id), "DELETE");
            }
        }
    };

    /** Keys of inserted rows: above the preloaded accounts, never reused within a run of the suite. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000_000L);

    private final String description;

    Mix(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Runs one transaction on {@code connection} with a random account and a fresh key. */
    final void transaction(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        transaction(connection, 1 + random.nextInt(BenchDatabase.ROWS), NEXT_ID.getAndIncrement(),
                1 + random.nextInt(100));
    }

    abstract void transaction(Connection connection, long key, long id, long delta) throws SQLException;

    private static void readOne(ResultSet rows) throws SQLException {
        try (rows) {
            if (!rows.next() || rows.getLong(1) <= 0 || rows.getString(3) == null) {
                throw new SQLException("The read by key found no account: the benchmark table is not as loaded");
            }
        }
    }

    private static void expectOne(int updated, String command) throws SQLException {
        if (updated != 1) {
            throw new SQLException(command + " changed " + updated + " rows instead of 1: the benchmark table is"
                    + " not as loaded");
        }
    }
}
