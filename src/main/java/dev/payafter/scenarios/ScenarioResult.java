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
 * @param mismatches every expectation that did not hold, as "field: expected X but was Y"; empty when it passed
 * @param firedRules the rules that fired (empty when the request was refused as invalid)
 */
public record ScenarioResult(Path file, int line, String name, String profile, List<String> mismatches,
        List<String> firedRules) {

    public ScenarioResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        mismatches = List.copyOf(mismatches);
        firedRules = List.copyOf(firedRules);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** {@code kuaishou.scenarios.csv:12 "score 549 is refused": outcome: expected ... but was ...}. */
    public String describe() {
        String where = file.getFileName() + ":" + line + " \"" + name + "\"";
        return passed() ? where + ": passed" : where + ": " + String.join("; ", mismatches)
                + (firedRules.isEmpty() ? "" : " (fired: " + firedRules + ")");
    }
}
