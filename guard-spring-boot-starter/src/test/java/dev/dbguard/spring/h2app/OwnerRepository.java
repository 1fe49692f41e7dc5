package dev.dbguard.spring.h2app;

import org.springframework.data.jpa.repository.JpaRepository;

/** The application's repository. */
public interface OwnerRepository extends JpaRepository<Owner, Integer> {
}
