/**
 * How a posture is read and judged, <strong>not API</strong>: the facts a server gives, PostgreSQL's catalog query,
 * the address the client used and the decisions on them. Shared by the JDBC check and the PostgreSQL proxy; may
 * change in any release. Depend on {@link dev.dbguard.core.posture.Posture} instead.
 */
package dev.dbguard.core.internal.posture;
