package dev.dbguard.spring.slices;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration the test slices of this package find; each slice brings its own auto-configurations. */
@SpringBootApplication
public class SliceApplication {
}
