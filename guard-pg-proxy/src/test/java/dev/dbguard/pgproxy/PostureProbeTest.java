package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.posture.Posture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.dbguard.pgproxy.BackendMessages.cstring;
import static dev.dbguard.pgproxy.BackendMessages.field;
import static dev.dbguard.pgproxy.BackendMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol around a posture check, message by message: the startup's {@code ReadyForQuery} held while the
 * proxy's own query runs, the query's answer never reaching the client, and the sessions it must leave alone.
 */
@ExtendWith(NoLeaks.class)
class PostureProbeTest {

    private static final List<String> ROW = Arrays.asList("app", "", null, "shop", "shop", "3", "3", "0", "0", "f",
            "off", "0");

    private final ProxyMetrics metrics = new ProxyMetrics();
    private final AccountPostures postures = new AccountPostures(metrics.registry());
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private EmbeddedChannel responses;
    private ClientSession session;

    @AfterEach
    void close() {
        for (EmbeddedChannel channel : new EmbeddedChannel[] {upstream, responses}) {
            if (channel != null) {
                channel.finishAndReleaseAll();
            }
        }
    }

    @Test
    void theStartupAnswerWaitsForTheProxysOwnQueryWhoseAnswerTheClientNeverSees() {
        start(GuardConfig.builder().environment("production", "test").build());

        responses.writeInbound(readyForQuery());

        assertThat(responses.<ByteBuf>readInbound()).as("held").isNull();
        ByteBuf query = upstream.readOutbound();
        try {
            assertThat((char) query.getByte(0)).isEqualTo('Q');
            assertThat(query.toString(5, query.readableBytes() - 6, StandardCharsets.UTF_8))
                    .startsWith("SET LOCAL statement_timeout = 2000; WITH RECURSIVE member_of");
        } finally {
            query.release();
        }

        responses.writeInbound(message('C', cstring("SET")), message('T', new byte[] {0, 0}), dataRow(ROW),
                message('N', cstring("a notice")), message('S', cstring("TimeZone"), cstring("UTC")),
                message('C', cstring("SELECT 1")));
        assertThat(types(responses)).as("only the ParameterStatus passes").isEqualTo("S");
        responses.writeInbound(readyForQuery());

        assertThat(types(responses)).as("the startup's ReadyForQuery, once").isEqualTo("Z");
        Posture posture = postures.all().get(new AccountPostures.Account("unit", "app", "shop"));
        assertThat(posture.findingIds()).containsExactly("owner", "no-statement-timeout");
        assertThat(posture.line()).startsWith("dbguard posture 'unit: app@shop' (production): account app is the"
                + " OWNER of schema shop and of 3 tables in shop");
    }

    @Test
    void anErrorGivesAnUncheckedPostureAndTheSessionGoesOn() {
        start(GuardConfig.builder().environment("production", "test").build());
        responses.writeInbound(readyForQuery());
        ((ByteBuf) upstream.readOutbound()).release();

        responses.writeInbound(message('E', field('S', "ERROR"), field('C', "42501"),
                field('M', "permission denied for view pg_roles"), new byte[] {0}), readyForQuery());

        assertThat(types(responses)).isEqualTo("Z");
        Posture posture = postures.all().get(new AccountPostures.Account("unit", "app", "shop"));
        assertThat(posture.checked()).isFalse();
        assertThat(posture.line()).contains("not checked (the catalog query failed: permission denied for view"
                + " pg_roles; the session is used as it is)");
    }

    @Test
    void aClientThatAlreadySentAQueryIsNotHeldBack() {
        start(GuardConfig.builder().environment("production", "test").build());
        session.clientSpoke();

        responses.writeInbound(readyForQuery());

        assertThat(types(responses)).isEqualTo("Z");
        assertThat(upstream.<ByteBuf>readOutbound()).as("nothing sent of the proxy's own").isNull();
        assertThat(postures.due(new AccountPostures.Account("unit", "app", "shop"), session.guardConfig()))
                .as("the next session checks it").isTrue();
    }

    @Test
    void aReplicationConnectionIsNotChecked() {
        start(GuardConfig.builder().environment("production", "test").build());
        session.replicationConnection();

        responses.writeInbound(readyForQuery());

        assertThat(types(responses)).isEqualTo("Z");
        assertThat(upstream.<ByteBuf>readOutbound()).as("a walsender takes no SQL").isNull();
    }

    @Test
    void postureChecksOffSendNothing() {
        start(GuardConfig.builder().environment("production", "test").postureEnabled(false).build());

        responses.writeInbound(readyForQuery());

        assertThat(types(responses)).isEqualTo("Z");
        assertThat(upstream.<ByteBuf>readOutbound()).isNull();
    }

    @Test
    void aSessionThatEndsDuringTheCheckReleasesWhatWasHeld() {
        start(GuardConfig.builder().environment("production", "test").build());
        responses.writeInbound(readyForQuery());
        ((ByteBuf) upstream.readOutbound()).release();

        responses.close();

        assertThat(responses.<ByteBuf>readInbound()).isNull();
        // NoLeaks fails the class if the held ReadyForQuery was never released
    }

    private void start(GuardConfig config) {
        session = new ClientSession(new StatementGuard(config), new Route("unit",
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 5432), 4096),
                metrics.route("unit"), postures);
        session.started(new ClientIdentity("127.0.0.1:1", "app", "shop", null), upstream);
        responses = new EmbeddedChannel(new ResponseTracker(session));
    }

    /** The type bytes of the messages relayed to the client so far, each released. */
    private static String types(EmbeddedChannel channel) {
        StringBuilder types = new StringBuilder();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            types.append((char) frame.getByte(0));
            frame.release();
        }
        return types.toString();
    }

    private static ByteBuf readyForQuery() {
        return BackendMessages.readyForQuery('I');
    }

    private static ByteBuf dataRow(List<String> columns) {
        ByteBuf body = Unpooled.buffer();
        body.writeShort(columns.size());
        for (String column : columns) {
            if (column == null) {
                body.writeInt(-1);
            } else {
                byte[] bytes = column.getBytes(StandardCharsets.UTF_8);
                body.writeInt(bytes.length).writeBytes(bytes);
            }
        }
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.release();
        return message('D', bytes);
    }
}
