package dev.dbguard.benchmarks;

/**
 * What idle client sessions cost the proxy: its heap after a full collection and its resident memory, with none
 * and with {@code sessions} idle sessions open (each with its upstream session, to PgBouncer).
 *
 * @param sessions          how many idle sessions were open
 * @param heapNoneKib       heap used after GC with no session, KiB
 * @param heapIdleKib       heap used after GC with the idle sessions, KiB
 * @param residentNoneKib   the proxy's resident memory with no session, KiB
 * @param residentIdleKib   the proxy's resident memory with the idle sessions, KiB
 */
record IdleFigures(int sessions, long heapNoneKib, long heapIdleKib, long residentNoneKib, long residentIdleKib) {

    /** Heap per idle session, in KiB. */
    double heapPerSessionKib() {
        return (heapIdleKib - heapNoneKib) / (double) sessions;
    }

    /** Resident memory per idle session (heap, direct buffers, thread stacks, sockets), in KiB. */
    double residentPerSessionKib() {
        return (residentIdleKib - residentNoneKib) / (double) sessions;
    }
}
