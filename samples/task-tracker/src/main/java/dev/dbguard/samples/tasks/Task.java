package dev.dbguard.samples.tasks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A task of a project. */
@Entity
@Table(name = "tasks")
public class Task {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // The project's id rather than a @ManyToOne: the sample keeps its mapping to the columns Flyway creates.
    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 20)
    private String status = "open";

    @Column(length = 500)
    private String note;

    protected Task() {
    }

    public Task(Long projectId, String title, String note) {
        this.projectId = projectId;
        this.title = title;
        this.note = note;
    }

    public Long getId() {
        return id;
    }

    public Long getProjectId() {
        return projectId;
    }

    public String getTitle() {
        return title;
    }

    public String getStatus() {
        return status;
    }

    public String getNote() {
        return note;
    }
}
