package dev.dbguard.samples.tasks;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The everyday API: read projects and tasks, add a task. Nothing here is destructive. */
@RestController
class TaskController {

    private final TaskRepository tasks;
    private final ProjectRepository projects;

    TaskController(TaskRepository tasks, ProjectRepository projects) {
        this.tasks = tasks;
        this.projects = projects;
    }

    @GetMapping("/projects")
    List<Project> projects() {
        return projects.findAll();
    }

    @GetMapping("/tasks")
    List<Task> tasks(@RequestParam(required = false) Long project) {
        return project == null ? tasks.findAll() : tasks.findByProjectIdOrderById(project);
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    Task add(@RequestBody NewTask task) {
        return tasks.save(new Task(task.projectId(), task.title(), task.note()));
    }

    /** The body of {@code POST /tasks}. */
    record NewTask(Long projectId, String title, String note) {
    }
}
