package dev.dbguard.samples.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The task tracker's command line. Its own options are {@code --drill}, {@code --url <jdbc-url>} (else the
 * environment variable {@code DATABASE_URL}, else embedded PostgreSQL), {@code --schema <name>} and
 * {@code --verbose}; everything else ({@code --server.port=9090}, ...) is handed to Spring Boot.
 *
 * @param drill     run the incident drill instead of serving the web application
 * @param database  the user's PostgreSQL, or null for an embedded one
 * @param schema    the schema to work in; null for the mode's default
 * @param verbose   show the framework's logs too
 * @param spring    the arguments for Spring Boot
 */
public record SampleArguments(boolean drill, PostgresDatabase database, String schema, boolean verbose,
                              List<String> spring) {

    /** The environment variable read when no {@code --url} is given. */
    public static final String DATABASE_URL = "DATABASE_URL";

    public SampleArguments {
        spring = List.copyOf(spring);
    }

    /**
     * Reads {@code args}, with {@code environment} for {@value #DATABASE_URL}.
     *
     * @throws IllegalArgumentException on an option without its value or a URL that is not PostgreSQL's
     */
    public static SampleArguments parse(String[] args, Map<String, String> environment) {
        boolean drill = false;
        boolean verbose = false;
        String url = null;
        String schema = null;
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank()) {
                continue;
            }
            switch (arg) {
                case "--drill" -> drill = true;
                case "--verbose" -> verbose = true;
                case "--url" -> url = value(args, ++i, "--url");
                case "--schema" -> schema = value(args, ++i, "--schema");
                default -> {
                    if (arg.startsWith("--url=")) {
                        url = arg.substring("--url=".length());
                    } else if (arg.startsWith("--schema=")) {
                        schema = arg.substring("--schema=".length());
                    } else {
                        spring.add(arg);
                    }
                }
            }
        }
        PostgresDatabase database = null;
        if (url != null && !url.isBlank()) {
            database = PostgresDatabase.fromUrl(url, "--url");
        } else if (environment.get(DATABASE_URL) != null && !environment.get(DATABASE_URL).isBlank()) {
            database = PostgresDatabase.fromUrl(environment.get(DATABASE_URL), "environment variable " + DATABASE_URL);
        }
        if (schema != null) {
            PostgresDatabase.checkedSchema(schema);
        }
        return new SampleArguments(drill, database, schema, verbose, spring);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value, e.g. " + option + " "
                    + (option.equals("--url") ? "jdbc:postgresql://localhost:5432/postgres?user=postgres" : "dbguard_drill"));
        }
        return args[index];
    }
}
