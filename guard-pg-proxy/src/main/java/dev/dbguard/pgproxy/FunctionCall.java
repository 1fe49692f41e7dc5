package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code FunctionCall} ('F'), the protocol's fast path: a function named by OID, with arguments in text or binary
 * form. The engine judges it as the {@code SELECT} it is equivalent to ({@link #sql}), so that a call of
 * {@code query_to_xml} or {@code dblink_exec} by OID is refused exactly as the same call written in SQL is.
 *
 * @param functionOid the function's OID, unsigned
 * @param arguments   the arguments in order
 */
record FunctionCall(long functionOid, List<Argument> arguments) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Types whose binary form is their text in the client encoding. */
    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character", "name",
            "unknown", "cstring", "\"char\"");

    /**
     * One argument.
     *
     * @param value  its bytes as sent, null for SQL NULL
     * @param binary whether it was sent in binary form
     */
    record Argument(byte[] value, boolean binary) {
    }

    /** Reads the message from a whole frame (type byte and length included), without moving its reader index. */
    static FunctionCall decode(ByteBuf frame) {
        int end = frame.writerIndex();
        int at = frame.readerIndex() + 5;
        try {
            long oid = frame.getUnsignedInt(at);
            at += 4;
            int formatCount = frame.getUnsignedShort(at);
            at += 2;
            int[] formats = new int[formatCount];
            for (int i = 0; i < formatCount; i++) {
                formats[i] = frame.getShort(at);
                at += 2;
            }
            int argumentCount = frame.getUnsignedShort(at);
            at += 2;
            if (formatCount > 1 && formatCount != argumentCount) {
                throw new CorruptedFrameException("invalid FunctionCall message: " + formatCount
                        + " format codes for " + argumentCount + " arguments");
            }
            List<Argument> arguments = new ArrayList<>(argumentCount);
            for (int i = 0; i < argumentCount; i++) {
                boolean binary = formatCount > 0 && formats[formatCount == 1 ? 0 : i] != 0;
                int length = frame.getInt(at);
                at += 4;
                if (length > end - at) {
                    throw new CorruptedFrameException("invalid FunctionCall message: argument " + (i + 1)
                            + " runs past the message");
                }
                byte[] value = null;
                if (length >= 0) {
                    value = new byte[length];
                    frame.getBytes(at, value);
                    at += length;
                }
                arguments.add(new Argument(value, binary));
            }
            return new FunctionCall(oid, arguments);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptedFrameException("invalid FunctionCall message: it ends early", e);
        }
    }

    /**
     * The {@code SELECT} this call is equivalent to, for the function {@code schema.name} whose declared argument
     * types are {@code types} (as {@link FunctionLookup} found them): arguments in text form, and binary ones of a
     * text, integer or boolean type, as literals; NULLs as NULL; any other binary argument as a parameter
     * ({@code $n}), whose value the engine does not see.
     */
    String sql(String schema, String name, List<String> types) {
        StringBuilder sql = new StringBuilder("SELECT ").append(identifier(schema)).append('.')
                .append(identifier(name)).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(literal(arguments.get(i), i < types.size() ? types.get(i) : "", i + 1));
        }
        return sql.append(')').toString();
    }

    private static String literal(Argument argument, String type, int position) {
        byte[] value = argument.value();
        if (value == null) {
            return "NULL";
        }
        if (!argument.binary() || TEXT_TYPES.contains(type)) {
            // E'' reads the same whatever standard_conforming_strings says
            String text = new String(value, StandardCharsets.UTF_8);
            return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        ByteBuffer bytes = ByteBuffer.wrap(value);
        return switch (type + "/" + value.length) {
            case "integer/4" -> String.valueOf(bytes.getInt());
            case "bigint/8" -> String.valueOf(bytes.getLong());
            case "smallint/2" -> String.valueOf(bytes.getShort());
            case "oid/4" -> Integer.toUnsignedString(bytes.getInt());
            case "boolean/1" -> value[0] != 0 ? "true" : "false";
            default -> "$" + position;
        };
    }

    private static String identifier(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
