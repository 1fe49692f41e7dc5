package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ParserWarmUpTest {

    @Test
    void startingTwiceNeverFailsAndStartsAtMostOneDaemonThread() {
        assertThatCode(() -> {
            ParserWarmUp.start();
            ParserWarmUp.start();
        }).doesNotThrowAnyException();

        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ParserWarmUp.THREAD_NAME)))
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
    }

    @Test
    void theWarmUpParsesWithoutFailingAndLeavesTheParserUsable() {
        assertThatCode(ParserWarmUp::warmUp).doesNotThrowAnyException();

        assertThat(JSqlParserClassifier.classify("DROP TABLE orders"))
                .contains(java.util.List.of(SqlAction.drop("TABLE", java.util.List.of("orders"))));
    }
}
