package dev.payafter.scenarios;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of one scenario row.
 *
 * @param file the scenario table
 * @param line the row's line in the file
 * @param name the scenario's name
 * @param profile the profile it ran under
 * @param mismatches every expectation that did not hold, as "field: expected X but was Y" (for a row not run, its bad
 *     cells); empty when it passed
 * @param firedRules the rules that fired (empty when the request was refused as invalid)
 * @param badCells every cell of the row that could not be read, as {@code file:line: column C: "value" why}; a row
 *     with a bad cell is not run (no rule fired) and does not pass
 * @param reasons the decision's reasons, as {@code CODE: message}, to show next to a failure
 */
public record ScenarioResult(Path file, int line, String name, String profile, List<String> mismatches,
        List<String> firedRules, List<String> badCells, List<String> reasons) {

    public ScenarioResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        mismatches = List.copyOf(mismatches);
        firedRules = List.copyOf(firedRules);
        badCells = List.copyOf(badCells);
        reasons = List.copyOf(reasons);
    }

    /** A row that ran, without bad cells or reasons to show. */
    public ScenarioResult(Path file, int line, String name, String profile, List<String> mismatches,
            List<String> firedRules) {
        this(file, line, name, profile, mismatches, firedRules, List.of(), List.of());
    }

    /** Whether the row ran and every expectation held. */
    public boolean passed() {
        return mismatches.isEmpty() && badCells.isEmpty();
    }

    /** Whether the row could not be run because of a bad cell. */
    public boolean notRun() {
        return !badCells.isEmpty();
    }

    /** {@code kuaishou.scenarios.csv:12 "score 549 is refused": outcome: expected ... but was ...}. */
    public String describe() {
        String where = file.getFileName() + ":" + line + " \"" + name + "\"";
        if (notRun()) {
            return where + ": not run: " + String.join("; ", badCells);
        }
        return passed() ? where + ": passed" : where + ": " + String.join("; ", mismatches)
                + (reasons.isEmpty() ? "" : " (reasons: " + String.join("; ", reasons) + ")")
                + (firedRules.isEmpty() ? "" : " (fired: " + firedRules + ")");
    }
}
