package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A FunctionCall read from its bytes, and the SELECT the engine judges in its place. */
class FunctionCallTest {

    @Test
    void textArgumentsBecomeLiteralsThatReadTheSameWhateverTheStringSetting() {
        FunctionCall call = FunctionCall.decode(Unpooled.wrappedBuffer(WireClient.functionCall(2925,
                "DELETE FROM t WHERE name = 'x\\'", null)));

        assertThat(call.functionOid()).isEqualTo(2925);
        assertThat(call.sql("pg_catalog", "query_to_xml", List.of("text", "boolean")))
                .isEqualTo("SELECT pg_catalog.query_to_xml(E'DELETE FROM t WHERE name = ''x\\\\''', NULL)");
    }

    @Test
    void binaryArgumentsOfKnownTypesAreReadAndOthersStayParameters() {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte('F').writeInt(0).writeInt(-1).writeShort(1).writeShort(1).writeShort(6);
        frame.writeInt(4).writeInt(42);
        frame.writeInt(4).writeInt(-1);
        frame.writeInt(1).writeByte(1);
        frame.writeInt(8).writeLong(-7);
        byte[] text = "DROP TABLE t".getBytes(StandardCharsets.UTF_8);
        frame.writeInt(text.length).writeBytes(text);
        frame.writeInt(3).writeBytes(new byte[] {1, 2, 3});
        frame.writeShort(1);
        frame.setInt(1, frame.writerIndex() - 1);

        FunctionCall call = FunctionCall.decode(frame);

        assertThat(call.functionOid()).isEqualTo(4294967295L);
        assertThat(call.sql("My Schema", "f", List.of("integer", "oid", "boolean", "bigint", "character varying",
                "bytea"))).isEqualTo("SELECT \"My Schema\".f(42, 4294967295, true, -7, E'DROP TABLE t', $6)");
        frame.release();
    }

    @Test
    void aMessageThatEndsEarlyIsAProtocolViolation() {
        byte[] whole = WireClient.functionCall(1, "abc");
        ByteBuf cut = Unpooled.wrappedBuffer(whole, 0, whole.length - 4);

        assertThatThrownBy(() -> FunctionCall.decode(cut)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageStartingWith("invalid FunctionCall message");
    }
}
