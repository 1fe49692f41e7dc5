package dev.dbguard.core.sql;

/** How the engine came to know what a statement does. */
public enum AnalysisPath {
    /** No destructive keyword occurs anywhere in the text, so it was neither parsed nor scanned in depth. */
    PREFILTERED,
    /** JSqlParser parsed the statement and the engine classified the parse tree. */
    PARSED,
    /**
     * JSqlParser could not parse it (vendor syntax, {@code DO} blocks, over the size bound, or a statement type the
     * engine does not classify from the tree): the lexical scanner decided from the statement's structure.
     */
    SCANNED
}
