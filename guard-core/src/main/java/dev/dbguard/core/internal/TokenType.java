package dev.dbguard.core.internal;

/** What a lexical token is. Comments and whitespace produce no token at all. */
enum TokenType {
    /** An unquoted identifier or keyword ({@code DELETE}, {@code orders}, {@code updated_at}). */
    WORD,
    /** A quoted identifier: {@code "name"} (PostgreSQL, standard) or {@code `name`} (MySQL). */
    QUOTED_IDENTIFIER,
    /** A string literal of any form: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code $tag$...$tag$}. */
    STRING,
    /** A numeric literal. */
    NUMBER,
    /** A bind parameter: {@code ?}, {@code $1}, {@code :name}. */
    PARAMETER,
    /** An operator ({@code =}, {@code <>}, {@code ::}, {@code ||}, {@code :=}, ...). */
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    SEMICOLON,
    DOT,
    /** Any other single character ({@code [}, {@code ]}, {@code :}, {@code \}, ...). */
    OTHER
}
