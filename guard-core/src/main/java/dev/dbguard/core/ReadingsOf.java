package dev.dbguard.core;

import dev.dbguard.core.internal.LexicalRules;

import java.util.Arrays;

/**
 * What the verdict cache keeps for one text: its analysis under each reading it was judged with (most texts are
 * only ever read one way). Immutable; adding a reading makes a copy.
 */
final class ReadingsOf {

    /** A text with no destructive word: pre-filtered under every reading. */
    static final ReadingsOf ALL_PREFILTERED = new ReadingsOf(null);

    private final Analysis[] byReading;

    private ReadingsOf(Analysis[] byReading) {
        this.byReading = byReading;
    }

    Analysis get(LexicalRules rules) {
        return byReading == null ? Analysis.PREFILTERED : byReading[rules.id()];
    }

    static ReadingsOf with(ReadingsOf existing, LexicalRules rules, Analysis analysis) {
        Analysis[] copy = existing == null || existing.byReading == null ? new Analysis[LexicalRules.COUNT]
                : Arrays.copyOf(existing.byReading, LexicalRules.COUNT);
        copy[rules.id()] = analysis;
        return new ReadingsOf(copy);
    }
}
