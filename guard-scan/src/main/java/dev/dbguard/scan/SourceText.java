package dev.dbguard.scan;

import java.util.Arrays;

/** A file's text and where its lines start, to turn character offsets into line and column. */
final class SourceText {

    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    String text() {
        return text;
    }

    /** The 1-based line holding {@code offset}. */
    int line(int offset) {
        int index = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return (index >= 0 ? index : -index - 2) + 1;
    }

    /** The 1-based column of {@code offset} on its line. */
    int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        return clamped - lineStarts[line(clamped) - 1] + 1;
    }

    /** The offset of the first character of 1-based {@code line}, column {@code column} (clamped to the text). */
    int offset(int line, int column) {
        int l = Math.max(1, Math.min(line, lineStarts.length));
        return Math.min(text.length(), lineStarts[l - 1] + Math.max(0, column - 1));
    }

    /** The text of 1-based {@code line}, without its line break; empty outside the text. */
    String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }
}
