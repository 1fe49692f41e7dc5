package dev.dbguard.core;

/**
 * The verdict cache's doorkeeper: remembers, in a fixed table of hash tags, which texts were seen recently, so that
 * a text whose analysis is cheap enters the cache only when it comes back.
 *
 * <p>Why: an application that inlines its literals sends texts that never repeat ({@code UPDATE ... WHERE id = 1234},
 * then {@code ... = 1235}). Analysing such a statement with the scanner costs well under a microsecond; inserting it
 * into a bounded cache costs several (a node, a write buffer, an eviction), and the entry is evicted unread. Texts
 * that do repeat (prepared statements, ORM SQL) are seen a second time soon after the first and are admitted then.
 *
 * <p>One {@code int} per slot, no allocation, no lock: two threads racing on a slot can at worst forget a sighting
 * (the text is admitted on a later sight) or match another text's tag (a cheap analysis is cached once more than
 * needed). Neither changes a verdict, which the cache keys by the full text.
 */
final class SecondSight {

    /** The most slots kept (256 KB), whatever the cache size: a text seen that rarely is cheap to analyse again. */
    private static final int MAX_SLOTS = 1 << 16;
    private static final int MIN_SLOTS = 1 << 6;

    private final int[] tags;
    private final int shift;

    /** A table of about {@code cacheSize} slots: a text coming back within that many others is admitted. */
    SecondSight(int cacheSize) {
        int wanted = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, cacheSize));
        int slots = Integer.highestOneBit(wanted - 1) << 1; // the power of two at or above
        this.tags = new int[slots];
        this.shift = Integer.numberOfLeadingZeros(slots) + 1;
    }

    /**
     * Notes that {@code sql} was seen; true when it was already seen (and not since forgotten for another text).
     * Reads the text's hash, which {@link String} computes once and keeps.
     */
    boolean seenBefore(String sql) {
        int hash = sql.hashCode();
        int slot = (hash * 0x9E3779B9) >>> shift; // Fibonacci hashing: the high bits of the product pick the slot
        int tag = hash | 1; // never 0, so that an empty slot matches nothing
        if (tags[slot] == tag) {
            return true;
        }
        tags[slot] = tag;
        return false;
    }
}
