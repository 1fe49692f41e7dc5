package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.dbguard.pgproxy.BackendMessages.cstring;
import static dev.dbguard.pgproxy.BackendMessages.field;
import static dev.dbguard.pgproxy.BackendMessages.message;
import static dev.dbguard.pgproxy.BackendMessages.readyForQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link StatementJudge} passes on to the relay, byte for byte: allowed messages unchanged (the same buffer), a
 * refused one replaced by a marker message of the same kind that carries nothing of the refused text; and what
 * {@link ResponseTracker} makes of the server's error for that marker.
 */
@ExtendWith(NoLeaks.class)
class StatementJudgeTest {

    private final ClientSession session = new ClientSession(
            new StatementGuard(GuardConfig.builder().environment("production", "test").postureEnabled(false).build()),
            new Route("unit", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 5432), 4096));
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final EmbeddedChannel client = new EmbeddedChannel(new StatementJudge(session));
    private final EmbeddedChannel responses = new EmbeddedChannel(new ResponseTracker(session));

    StatementJudgeTest() {
        session.started(new ClientIdentity("127.0.0.1:1", "app", "app", null), upstream);
        // the startup's own ReadyForQuery
        responses.writeInbound(readyForQuery('I'));
        ((ByteBuf) responses.readInbound()).release();
    }

    @AfterEach
    void close() {
        client.finishAndReleaseAll();
        responses.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    void anAllowedQueryIsTheSameBuffer() {
        ByteBuf query = message('Q', cstring("SELECT * FROM orders WHERE id = 1"));
        client.writeInbound(query);
        ByteBuf passed = client.readInbound();
        assertThat(passed).isSameAs(query);
        passed.release();
    }

    @Test
    void aRefusedQueryIsReplacedByAMarkerWithNothingOfItsText() {
        client.writeInbound(message('Q', cstring("DROP TABLE orders")));
        ByteBuf passed = client.readInbound();
        try {
            String text = passed.toString(StandardCharsets.UTF_8);
            assertThat(passed.getByte(0)).isEqualTo((byte) 'Q');
            assertThat(passed.getInt(1)).isEqualTo(passed.readableBytes() - 1);
            assertThat(text).doesNotContain("DROP", "orders").contains("dbguard_refused_");
        } finally {
            passed.release();
        }
    }

    @Test
    void aRefusedParseKeepsItsNameAndTheServersErrorBecomesTheRefusal() {
        ByteBuf parse = message('P', cstring("S_7"), cstring("TRUNCATE orders"), new byte[] {0, 0});
        client.writeInbound(parse);
        ByteBuf passed = client.readInbound();
        String marker;
        try {
            assertThat(passed.getByte(0)).isEqualTo((byte) 'P');
            assertThat(WireStrings.read(passed, 5, passed.writerIndex())).isEqualTo("S_7");
            marker = WireStrings.read(passed, 9, passed.writerIndex());
            assertThat(marker).startsWith("dbguard_refused_").doesNotContain("TRUNCATE", "orders");
        } finally {
            passed.release();
        }
        client.writeInbound(message('S'));
        ((ByteBuf) client.readInbound()).release();

        // the server's answer to the marker
        responses.writeInbound(message('E', field('S', "ERROR"), field('C', "42601"),
                field('M', "syntax error at or near \"" + marker + "\""), field('P', "1"), new byte[] {0}));
        ByteBuf error = responses.readInbound();
        try {
            byte[] body = new byte[error.readableBytes() - 5];
            error.getBytes(5, body);
            Map<Character, String> fields = WireClient.fields(body);
            assertThat(fields).containsEntry('C', "42501").containsEntry('S', "ERROR").doesNotContainKey('P');
            assertThat(fields.get('M')).startsWith("dbguard: refused TRUNCATE orders (rule truncate)");
        } finally {
            error.release();
        }
        responses.writeInbound(readyForQuery('I'));
        ((ByteBuf) responses.readInbound()).release();

        // a later error of the server is its own
        client.writeInbound(message('Q', cstring("SELECT 1/0")));
        ((ByteBuf) client.readInbound()).release();
        ByteBuf own = message('E', field('S', "ERROR"), field('C', "22012"), field('M', "division by zero"),
                new byte[] {0});
        responses.writeInbound(own);
        ByteBuf relayed = responses.readInbound();
        assertThat(relayed).isSameAs(own);
        relayed.release();
    }
}
