"""psycopg 3 through dbguard-pg-proxy: run by PsycopgThroughProxyTest with Debian's /usr/bin/python3 against a route
in production (block mode), table items with rows 1..5. Connection settings come from libpq's variables (PGHOST,
PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGOPTIONS). One line per step, for the test to check:
  <step>: ok <status> <rowcount> <rows>
  <step>: error <SQLSTATE> <severity>   followed by the message, detail and hint lines
The last step prints a refusal to stderr as an uncaught psycopg exception shows it to a Python user."""
import sys
import traceback

import psycopg


def report_error(name, error):
    diag = error.diag
    print(f"{name}: error {diag.sqlstate} {diag.severity}")
    print(f"  message: {diag.message_primary}")
    print(f"  detail: {diag.message_detail}")
    print(f"  hint: {diag.message_hint}")


def step(conn, name, query, params=None, cursor_class=psycopg.Cursor):
    try:
        with cursor_class(conn) as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall() if cursor.description else []
            print(f"{name}: ok {cursor.statusmessage} {cursor.rowcount} {rows}")
    except psycopg.Error as error:
        if error.diag.sqlstate is None:
            raise
        report_error(name, error)


def main():
    # autocommit: each statement is its own transaction, as psql runs them; BEGIN below opens a block
    with psycopg.connect(autocommit=True, application_name="psycopg") as conn:
        # psycopg 3 sends every execute through the extended protocol (Parse/Bind/Execute), parameters or not
        step(conn, "count", "SELECT count(*) AS n FROM items")
        step(conn, "parameterised-select", "SELECT name FROM items WHERE id = %s", (2,))
        step(conn, "parameterised-insert", "INSERT INTO items (id, name) VALUES (%s, %s)", (6, "item 6"))
        # pipeline mode (libpq 14+): everything sent before any result is read; after the refusal the server
        # skips the rest up to the Sync, which psycopg reports as a PipelineAborted on the later statements
        try:
            with conn.pipeline():
                with conn.cursor() as cursor:
                    cursor.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (8, "item 8"))
                    cursor.execute("DELETE FROM items")
                    cursor.execute("INSERT INTO items (id, name) VALUES (%s, %s)", (9, "item 9"))
        except psycopg.Error as error:
            report_error("pipeline", error)
        step(conn, "refused-drop", "DROP TABLE items")
        step(conn, "refused-truncate", "TRUNCATE items")
        step(conn, "refused-delete", "DELETE FROM items")
        step(conn, "refused-update-parameterised", "UPDATE items SET name = %s", ("gone",))
        # client-side binding, sent with the simple query protocol as psql sends it
        step(conn, "refused-delete-simple", "DELETE FROM items WHERE %s", (True,), psycopg.ClientCursor)
        # a transaction around a refusal
        step(conn, "tx-begin", "BEGIN")
        step(conn, "tx-insert", "INSERT INTO items (id, name) VALUES (%s, %s)", (7, "item 7"))
        step(conn, "tx-refused", "DELETE FROM items")
        step(conn, "tx-after-refusal", "SELECT 1 AS one")
        step(conn, "tx-rollback", "ROLLBACK")
        # the connection is usable after the refusals
        step(conn, "after-count", "SELECT count(*) AS n FROM items")
        step(conn, "after-scoped-delete", "DELETE FROM items WHERE id = %s", (6,))
        try:
            conn.execute("DROP TABLE items")
        except psycopg.Error:
            traceback.print_exc()
        step(conn, "final-count", "SELECT count(*) AS n FROM items")


if __name__ == "__main__":
    sys.exit(main())
