package dev.dbguard.samples.tasks;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Tasks, through Spring Data JPA. */
public interface TaskRepository extends JpaRepository<Task, Long> {

    /** The tasks of one project, oldest first. */
    List<Task> findByProjectIdOrderById(Long projectId);
}
