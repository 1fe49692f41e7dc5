package dev.dbguard.samples.tasks.drill;

/**
 * What the drill found.
 *
 * @param production the pass with {@code dbguard.env=production}
 * @param staging    the pass with {@code dbguard.env=staging}, on a throwaway copy
 */
record DrillReport(PassReport production, PassReport staging) {

    /** Whether production held: every accident refused, every row still there. */
    boolean productionHeld() {
        return production.held();
    }
}
