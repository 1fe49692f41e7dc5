package dev.dbguard.samples.tasks;

import dev.dbguard.core.BlockedStatementException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers a request whose SQL dbguard refused with HTTP 403 and the refusal, instead of a 500 and a stack trace. */
@RestControllerAdvice
class RefusalResponses {

    @ExceptionHandler(PermissionDeniedDataAccessException.class)
    ResponseEntity<Map<String, String>> refused(PermissionDeniedDataAccessException exception) {
        Map<String, String> body = new LinkedHashMap<>();
        Throwable cause = exception;
        while (cause != null && !(cause instanceof BlockedStatementException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BlockedStatementException refusal) {
            body.put("refusedBy", "dbguard");
            body.put("rule", refusal.ruleId());
            body.put("message", refusal.getMessage());
        } else {
            body.put("message", exception.getMostSpecificCause().getMessage());
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
    }
}
