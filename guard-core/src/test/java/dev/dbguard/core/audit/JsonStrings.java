package dev.dbguard.core.audit;

/** Reads back one JSON string literal (quotes included), independently of the encoder under test. */
final class JsonStrings {

    private JsonStrings() {
    }

    static String decode(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalArgumentException("not a JSON string: " + literal);
        }
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '"' || c < 0x20) {
                throw new IllegalArgumentException("raw " + (int) c + " at " + i);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = literal.charAt(++i);
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + escape + " at " + i);
            }
        }
        return out.toString();
    }
}
