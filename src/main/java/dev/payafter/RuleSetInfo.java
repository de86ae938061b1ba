package dev.payafter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a rule set is and when the engine loaded it.
 *
 * @param source where the rules came from: a directory path, or {@code bundled} for the rules inside the jar
 * @param version the SHA-256 of the rule files (their paths relative to the root and their bytes, in path
 *     order), first 16 hex digits: the same on every machine for the same files, whatever the file order on
 *     disk. Scenario tables and documentation do not change it.
 * @param label the host's label for this load (for example a release ticket), or {@code ""} when none
 * @param loadedAt when the engine loaded it, by the engine's clock
 * @param files the rule files, relative to the root, in path order
 * @param profiles the profiles the rule set defines (from {@code profiles.csv})
 * @param rules the names of every rule, decision-table rows included ({@code <file> row <n>}), sorted
 */
public record RuleSetInfo(String source, String version, String label, Instant loadedAt, List<String> files,
        List<String> profiles, List<String> rules) {

    public RuleSetInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(loadedAt, "loadedAt");
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        rules = List.copyOf(rules);
    }

    /** The same rule set with another label and load time. */
    public RuleSetInfo loaded(String newLabel, Instant when) {
        return new RuleSetInfo(source, version, newLabel, when, files, profiles, rules);
    }
}
