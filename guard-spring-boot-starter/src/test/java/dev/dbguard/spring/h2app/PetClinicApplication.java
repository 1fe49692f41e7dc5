package dev.dbguard.spring.h2app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The application: JPA on the embedded H2 database Spring Boot configures when no URL is given. */
@SpringBootApplication
@PropertySource("classpath:h2app/application.properties")
public class PetClinicApplication {
}
