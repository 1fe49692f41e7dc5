package dev.dbguard.bootversions;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain Spring Boot application: JDBC, Flyway and Actuator with the dbguard starter, no dbguard code. */
@SpringBootApplication
public class VersionApplication {
}
