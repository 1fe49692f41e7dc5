package dev.dbguard.samples.tasks.drill;

/**
 * What the drill found.
 *
 * @param production the pass with {@code dbguard.env=production}
 * @param staging    the pass with {@code dbguard.env=staging}, on a throwaway copy
 * @param proxy      the production schema again, behind {@code dbguard-pg-proxy}, with clients outside the JVM
 */
record DrillReport(PassReport production, PassReport staging, ProxyPassReport proxy) {

    /** Whether production held: every accident refused, every row still there, in the application and the proxy. */
    boolean productionHeld() {
        return production.held() && proxy.held();
    }
}
