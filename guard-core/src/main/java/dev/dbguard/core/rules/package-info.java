/**
 * The rules a statement is judged by, one small class each behind {@link dev.dbguard.core.rules.Rule}, listed in
 * {@link dev.dbguard.core.rules.RuleCatalog}; a rule's id is what configuration, allow-lists and audit events
 * name.
 */
package dev.dbguard.core.rules;
