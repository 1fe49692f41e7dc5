package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The protocol's NUL-terminated strings, read in place from a frame without moving its reader index. Text is read
 * as UTF-8 (the client encoding nearly every client uses; SQL keywords are ASCII in every server encoding).
 */
final class WireStrings {

    private WireStrings() {
    }

    /** The index just past the NUL that ends the string starting at {@code from}, or -1 when there is none before {@code end}. */
    static int end(ByteBuf frame, int from, int end) {
        int nul = frame.indexOf(from, end, (byte) 0);
        return nul < 0 ? -1 : nul + 1;
    }

    /** The string starting at {@code from}, or null when it is not terminated before {@code end}. */
    static String read(ByteBuf frame, int from, int end) {
        int nul = frame.indexOf(from, end, (byte) 0);
        return nul < 0 ? null : frame.toString(from, nul - from, StandardCharsets.UTF_8);
    }
}
