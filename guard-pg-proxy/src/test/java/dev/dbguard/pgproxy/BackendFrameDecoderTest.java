package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.dbguard.pgproxy.BackendMessages.cstring;
import static dev.dbguard.pgproxy.BackendMessages.field;
import static dev.dbguard.pgproxy.BackendMessages.message;
import static dev.dbguard.pgproxy.BackendMessages.readyForQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the server's bytes are framed: relayed-only runs together, what the tracker reads alone, nothing lost. */
@ExtendWith(NoLeaks.class)
class BackendFrameDecoderTest {

    private final ClientSession session = new ClientSession(
            new StatementGuard(GuardConfig.builder().environment("production", "test").postureEnabled(false).build()),
            new Route("unit", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 5432), 4096));
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final EmbeddedChannel framing = new EmbeddedChannel(new BackendFrameDecoder(session));

    @AfterEach
    void close() {
        framing.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    void aResultIsOneSliceAndWhatTheTrackerReadsIsAlone() {
        ByteBuf bytes = joined(message('T', new byte[] {0, 0}), row("1"), row("2"),
                message('C', cstring("SELECT 2")), readyForQuery('I'), message('N', field('M', "notice"), new byte[1]),
                message('E', field('M', "boom"), new byte[1]), row("3"));
        int cut = bytes.readableBytes() - 3;

        framing.writeInbound(bytes.retainedSlice(0, cut));
        assertThat(frames()).containsExactly("TDDC", "Z", "N", "E");
        framing.writeInbound(bytes.retainedSlice(cut, 3));
        assertThat(frames()).as("the row cut in two arrives whole").containsExactly("D");
        bytes.release();
    }

    @Test
    void whileTheProxysOwnQueryIsAnsweredEveryMessageIsAlone() {
        session.started(new ClientIdentity("127.0.0.1:1", "app", "app", null), upstream);
        session.readyForQuery((byte) 'I'); // the startup is answered
        session.sendOwn(new FunctionLookup(1, result -> { }));
        ((ByteBuf) upstream.readOutbound()).release();

        framing.writeInbound(joined(message('T', new byte[] {0, 0}), row("x"),
                message('C', cstring("SELECT 1"))));

        assertThat(frames()).containsExactly("T", "D", "C");
    }

    @Test
    void anImpossibleLengthFromTheServerEndsTheSession() {
        ByteBuf bad = Unpooled.buffer().writeByte('D').writeInt(2);

        assertThatThrownBy(() -> framing.writeInbound(bad)).isInstanceOf(DecoderException.class)
                .hasMessageContaining("invalid length 2");
    }

    /** The message types in each frame decoded so far, each frame released. */
    private List<String> frames() {
        List<String> frames = new ArrayList<>();
        for (ByteBuf frame; (frame = framing.readInbound()) != null; ) {
            StringBuilder types = new StringBuilder();
            for (int at = frame.readerIndex(); at < frame.writerIndex(); at += frame.getInt(at + 1) + 1) {
                types.append((char) frame.getByte(at));
            }
            frames.add(types.toString());
            frame.release();
        }
        return frames;
    }

    private static ByteBuf row(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + 4 + text.length];
        body[1] = 1;
        body[5] = (byte) text.length;
        System.arraycopy(text, 0, body, 6, text.length);
        return message('D', body);
    }

    /** The messages one after the other in one buffer, as the server's bytes arrive. */
    private static ByteBuf joined(ByteBuf... messages) {
        ByteBuf joined = Unpooled.buffer();
        for (ByteBuf message : messages) {
            joined.writeBytes(message);
            message.release();
        }
        return joined;
    }
}
