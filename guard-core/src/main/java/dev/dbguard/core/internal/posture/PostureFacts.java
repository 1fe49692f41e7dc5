package dev.dbguard.core.internal.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the server says about the account a connection runs as, in the terms both PostgreSQL and MariaDB can
 * answer. The powers are posture finding ids ({@code superuser}, {@code createrole}, {@code createdb},
 * {@code bypassrls}); MariaDB's {@code SUPER}, {@code CREATE USER} and global {@code CREATE} map onto the first three.
 *
 * @param product          the server's product, {@code PostgreSQL} or {@code MariaDB}/{@code MySQL}
 * @param account          the account as the server names it ({@code app}, {@code app@%})
 * @param schemas          the schemas the account works in (PostgreSQL's search path, MariaDB's current database)
 * @param powers           the powers the account holds itself
 * @param rolePowers       the powers it holds through membership in other roles, by role
 * @param tables           the tables in {@code schemas}
 * @param ownedTables      those it owns (PostgreSQL) or may drop (MariaDB's {@code DROP} privilege)
 * @param ownedSchemas     the schemas it owns, whose owner can drop every object in them
 * @param truncatable      tables it does not own yet may {@code TRUNCATE}
 * @param referenceable    tables it does not own yet holds {@code REFERENCES} on
 * @param tls              whether this session is encrypted; null when the server would not tell
 * @param readOnlyDefault  whether its transactions are read-only unless they ask otherwise; null when unknown
 * @param statementTimeout the server's statement time limit for it as the server writes it; null when unknown
 * @param timeoutSet       whether that limit is set (not zero)
 */
public record PostureFacts(String product, String account, List<String> schemas, Set<String> powers,
                    Map<String, Set<String>> rolePowers, int tables, int ownedTables, List<String> ownedSchemas,
                    int truncatable, int referenceable, Boolean tls, Boolean readOnlyDefault,
                    String statementTimeout, boolean timeoutSet) {

    public PostureFacts {
        schemas = List.copyOf(schemas);
        powers = Set.copyOf(powers);
        rolePowers = Map.copyOf(rolePowers);
        ownedSchemas = List.copyOf(ownedSchemas);
    }

    /** Whether the server is PostgreSQL (else MariaDB or MySQL). */
    public boolean postgresql() {
        return "PostgreSQL".equals(product);
    }

    /** The non-empty items of a {@code separator}-separated list a catalog query returned; none for null. */
    public static List<String> split(String text, String separator) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(separator)) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
