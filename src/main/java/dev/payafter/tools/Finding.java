package dev.payafter.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing {@code validate} found.
 *
 * @param severity {@code ERROR} (the rules do not load: the engine refuses them too) or {@code WARNING} (they
 *     load, but a table or name is probably not what the analyst meant)
 * @param code a stable code: {@code COMPILE}, {@code UNSAFE}, {@code OVERLAP}, {@code UNREACHABLE}, {@code GAP},
 *     {@code DUPLICATE_RULE_NAME}, {@code NOT_ANALYSED}
 * @param where the place for people: {@code eligibility/credit-score.drl:12:5},
 *     {@code eligibility/eligibility-policy.drl.csv:14:4}, {@code policy.drl.xlsx!Policy!C7}
 * @param file the file relative to the rule set's root
 * @param line the line (DRL) or row (table), 0 when the whole file
 * @param column the 1-based column, 0 when not known
 * @param message what is wrong
 */
public record Finding(String severity, String code, String where, String file, int line, int column,
        String message) {

    /** The severity of a problem that stops the rules from loading. */
    public static final String ERROR = "ERROR";
    /** The severity of a lint finding: the rules load, but probably not as meant. */
    public static final String WARNING = "WARNING";
    /** Information only (does not count as a problem). */
    public static final String INFO = "INFO";

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    /** Whether it counts as a problem (errors and warnings do; information does not). */
    public boolean problem() {
        return !INFO.equals(severity);
    }

    @Override
    public String toString() {
        // a file name or a message may hold control characters: printed escaped, one finding per line
        return dev.payafter.internal.Checks.escaped(where) + ": " + severity.toLowerCase(java.util.Locale.ROOT) + ": "
                + dev.payafter.internal.Checks.escaped(message) + " [" + code + "]";
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", severity);
        m.put("code", code);
        m.put("where", where);
        m.put("file", file);
        m.put("line", line);
        m.put("column", column);
        m.put("message", message);
        return m;
    }
}
