package dev.payafter;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found while loading a rule set.
 *
 * @param file the rule file on disk (or its path inside the jar for the bundled rules), relative to the rule
 *     set's root
 * @param line the line in a DRL file, or the row in a decision table (1-based); 0 when unknown
 * @param column the column in a DRL file (1-based); 0 when unknown or for a decision table
 * @param message what is wrong, in Drools' words or ours
 */
public record RuleProblem(Path file, int line, int column, String message) {

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be 0 or more: " + line + ":" + column);
        }
    }

    /**
     * {@code eligibility/eligibility-checks.drl:12:5: message}, in the form compilers and editors use; control and
     * line-breaking characters in the file name are escaped ({@code \n}, <code>&#92;u001b</code>).
     */
    @Override
    public String toString() {
        // a file name with a line break or an escape sequence must not break or forge a log line
        StringBuilder where = new StringBuilder(dev.payafter.internal.Checks.escaped(file.toString().replace('\\', '/')));
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
