package dev.dbguard.samples.tasks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admin endpoints written the way they often are: with raw SQL, and one bad request away from emptying a table.
 * In production dbguard refuses what they send; {@link RefusalResponses} turns the refusal into HTTP 403.
 */
@RestController
class AdminController {

    private final JdbcTemplate jdbc;

    AdminController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** "Reset the demo data": deletes every task, in every environment it is deployed to. */
    @DeleteMapping("/admin/tasks")
    Map<String, Integer> deleteAllTasks() {
        return Map.of("deleted", jdbc.update("DELETE FROM tasks"));
    }

    /**
     * Deletes the tasks matching the filters. The query builder starts from {@code WHERE 1=1}, so a request without
     * filters deletes every task.
     */
    @DeleteMapping("/admin/tasks/cleanup")
    Map<String, Integer> cleanUp(@RequestParam(required = false) String status,
                                 @RequestParam(required = false) Long project) {
        StringBuilder sql = new StringBuilder("DELETE FROM tasks WHERE 1=1");
        List<Object> parameters = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status);
        }
        if (project != null) {
            sql.append(" AND project_id = ?");
            parameters.add(project);
        }
        return Map.of("deleted", jdbc.update(sql.toString(), parameters.toArray()));
    }
}
