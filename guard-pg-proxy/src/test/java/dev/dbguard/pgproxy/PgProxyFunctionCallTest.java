package dev.dbguard.pgproxy;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.fastpath.Fastpath;
import org.postgresql.fastpath.FastpathArg;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code FunctionCall}, the protocol's fast path, through the proxy in production: judged as the {@code SELECT} it
 * is equivalent to, once the server has named the function in the client's own session. PgJDBC's large objects (its
 * one user of the fast path) keep working; a call of an executor function with destructive SQL is refused before it
 * reaches the server; what a client pipelines behind a call waits for it, in order.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyFunctionCallTest {

    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_fastpath");
        pg.direct("CREATE TABLE tasks (id int PRIMARY KEY, title text)", "INSERT INTO tasks VALUES (1, 'a'), (2, 'b')");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void clearEvents() {
        pg.events.clear();
    }

    @Test
    void largeObjectsWorkThroughTheFastPath() throws Exception {
        try (Connection connection = pg.connect()) {
            connection.setAutoCommit(false);
            LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = objects.createLO();
            try (LargeObject object = objects.open(oid, LargeObjectManager.WRITE)) {
                object.write("hello, large object".getBytes(StandardCharsets.UTF_8));
            }
            try (LargeObject object = objects.open(oid, LargeObjectManager.READ)) {
                assertThat(new String(object.read(64), StandardCharsets.UTF_8)).isEqualTo("hello, large object");
            }
            objects.delete(oid);
            connection.commit();
        }
        assertThat(pg.events).noneMatch(event -> event.outcome() == Outcome.REFUSED);
    }

    @Test
    void anExecutorFunctionCalledByOidIsRefusedAsItsSqlWouldBe() throws Exception {
        try (Connection connection = pg.connect("fastpath-tool")) {
            Fastpath fastpath = connection.unwrap(PGConnection.class).getFastpathAPI();
            int queryToXml = (int) oid("pg_catalog.query_to_xml(text, boolean, boolean, text)");

            assertThatThrownBy(() -> fastpath.fastpath(queryToXml, new FastpathArg[] {
                    new FastpathArg("DELETE FROM " + pg.schema + ".tasks"), new FastpathArg(new byte[] {1}),
                    new FastpathArg(new byte[] {0}), new FastpathArg("")}))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("dbguard: refused DELETE FROM " + pg.schema + ".tasks",
                                "(rule unscoped-delete)");
                    });
            assertThat(count(connection)).as("the session goes on").isEqualTo(2);
        }
        assertThat(pg.count("tasks")).isEqualTo(2);
        AuditEvent refusal = pg.events.stream().filter(event -> event.outcome() == Outcome.REFUSED).findFirst()
                .orElseThrow();
        assertThat(refusal.ruleId()).isEqualTo("unscoped-delete");
        assertThat(refusal.sql()).startsWith("SELECT pg_catalog.query_to_xml(");
        assertThat(refusal.caller()).contains("application_name=fastpath-tool");
    }

    @Test
    void whatFollowsACallWaitsForItAndAnUnknownOidGetsTheServersOwnError() throws Exception {
        long charLength = oid("pg_catalog.char_length(text)");
        try (WireClient client = new WireClient(pg.port())) {
            client.send(WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName));
            client.readUntil('Z');
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            pipeline.writeBytes(WireClient.functionCall(charLength, "hello"));
            pipeline.writeBytes(WireClient.query("SELECT 42"));
            pipeline.writeBytes(WireClient.functionCall(charLength, "hello, world"));
            pipeline.writeBytes(WireClient.functionCall(4_000_000_000L));
            pipeline.writeBytes(WireClient.query("SELECT 43"));
            client.send(pipeline.toByteArray());

            assertThat(summary(client.readCycle())).isEqualTo("V:5 Z");
            assertThat(summary(client.readCycle())).isEqualTo("T D:42 C Z");
            assertThat(summary(client.readCycle())).as("a known OID: judged without asking").isEqualTo("V:12 Z");
            List<byte[]> unknown = client.readCycle();
            assertThat(summary(unknown)).isEqualTo("E Z");
            assertThat(WireClient.fields(body(unknown.get(0))).get('M'))
                    .contains("function with OID 4000000000 does not exist");
            assertThat(summary(client.readCycle())).isEqualTo("T D:43 C Z");
        }
        assertThat(pg.events).noneMatch(event -> event.outcome() == Outcome.REFUSED);
    }

    /** Each message as its type, with the value of a FunctionCallResponse or a one-column DataRow. */
    private static String summary(List<byte[]> messages) {
        StringBuilder summary = new StringBuilder();
        for (byte[] message : messages) {
            if (!summary.isEmpty()) {
                summary.append(' ');
            }
            char type = (char) message[0];
            summary.append(type);
            if (type == 'V') {
                summary.append(':').append(new String(message, 5, message.length - 5, StandardCharsets.UTF_8));
            } else if (type == 'D') {
                summary.append(':').append(new String(message, 7, message.length - 7, StandardCharsets.UTF_8));
            }
        }
        return summary.toString();
    }

    private static byte[] body(byte[] message) {
        byte[] body = new byte[message.length - 1];
        System.arraycopy(message, 1, body, 0, body.length);
        return body;
    }

    private static long oid(String signature) throws SQLException {
        try (Connection connection = pg.database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT '" + signature + "'::regprocedure::oid")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM tasks")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
