package dev.payafter.tools;

import dev.payafter.PayAfterException;
import java.util.List;

/**
 * A request file the analyst tools refuse: not valid UTF-8, not valid JSON or CSV, an unknown field, a value out of
 * range, a request that breaks an invariant. Found before any rule is compiled; the analyst command line exits
 * with 2 and prints each problem as one line, {@code file:line: field: value: why}, the value bounded and the file
 * name escaped.
 */
public final class RequestFileException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one line per bad record (at least one), each naming file and line */
    public RequestFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad record, each naming file and line. */
    public List<String> problems() {
        return problems;
    }
}
