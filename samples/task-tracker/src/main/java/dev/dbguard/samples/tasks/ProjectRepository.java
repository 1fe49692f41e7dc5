package dev.dbguard.samples.tasks;

import org.springframework.data.jpa.repository.JpaRepository;

/** Projects, through Spring Data JPA. */
public interface ProjectRepository extends JpaRepository<Project, Long> {
}
