package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void knowsWhichRangesHoldALeftParenthesis() {
        // 0 DELETE 1 FROM 2 t 3 WHERE 4 id 5 IN 6 ( 7 1 8 ) 9 ; 10 SELECT 11 f 12 ( 13 ) 14 ; 15 DELETE 16 FROM 17 u
        Tokens tokens = Lexer.lex("DELETE FROM t WHERE id IN (1); SELECT f(); DELETE FROM u");

        assertThat(tokens.hasLeftParen(0, 9)).isTrue();
        assertThat(tokens.hasLeftParen(0, 6)).isFalse();
        assertThat(tokens.hasLeftParen(7, 12)).isFalse();
        assertThat(tokens.hasLeftParen(7, 13)).isTrue();
        assertThat(tokens.hasLeftParen(15, tokens.size())).isFalse();
        assertThat(Lexer.lex("UPDATE t SET a = 1 WHERE id = 2").hasLeftParen(0, 10)).isFalse();
    }
}
