package crampwatch.common.api;

import java.util.List;

/** Thrown by services for input that is well-formed but refused (e.g. a start time in the future); answered with 400. */
public class InvalidInputException extends RuntimeException {
    private final transient List<Problem.FieldError> errors;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.errors = List.of(new Problem.FieldError(field, reason));
    }

    /** Several offending fields at once (at least one). */
    public InvalidInputException(List<Problem.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
