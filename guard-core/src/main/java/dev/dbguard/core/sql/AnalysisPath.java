package dev.dbguard.core.sql;

/** How the engine came to know what a statement does. */
public enum AnalysisPath {
    /**
     * Not parsed, because nothing in it can be destructive: no destructive keyword occurs outside literals and
     * comments, or the scanner's reading shows only DELETE/UPDATE scoped by a WHERE that references a column or
     * parameter, or a SELECT with no data-modifying part ({@code SELECT ... FOR UPDATE}).
     */
    PREFILTERED,
    /** JSqlParser parsed the statement and the engine classified the parse tree. */
    PARSED,
    /**
     * JSqlParser could not parse it (vendor syntax, {@code DO} blocks, over the size bound, or a statement type the
     * engine does not classify from the tree): the lexical scanner decided from the statement's structure.
     */
    SCANNED
}
