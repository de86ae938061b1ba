package dev.payafter;

import java.util.List;
import java.util.Objects;

/**
 * What an engine was built from.
 *
 * @param source where the rules came from: a directory path, or {@code bundled} for the rules inside the jar
 * @param version the SHA-256 of the rule files (their paths relative to the root and their bytes, in path
 *     order), first 16 hex digits: the same on every machine for the same files, whatever the file order on
 *     disk
 * @param files the rule files, relative to the root, in path order
 * @param profiles the profiles the rule set defines (from {@code profiles.csv})
 */
public record RuleSetInfo(String source, String version, List<String> files, List<String> profiles) {

    public RuleSetInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }
}
