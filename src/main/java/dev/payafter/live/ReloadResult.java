package dev.payafter.live;

import dev.payafter.RuleSetInfo;
import java.util.List;
import java.util.Objects;

/**
 * What a reload (or a rollback) did.
 *
 * @param status what happened
 * @param serving the rule set serving decisions afterwards
 * @param candidateVersion the version that was tried (for {@code UNCHANGED}, the serving one); {@code ""} when
 *     the files could not even be read
 * @param problems why a candidate was rejected: compilation problems ({@code file:line:column: message}) or
 *     failed scenarios; empty otherwise
 */
public record ReloadResult(Status status, RuleSetInfo serving, String candidateVersion, List<String> problems) {

    /** The kinds of result. */
    public enum Status {
        /** A new version was compiled (and passed the scenario gate, if asked for) and now serves. */
        SWAPPED,
        /** The files are the version already serving; nothing was compiled. */
        UNCHANGED,
        /** The candidate did not compile, failed its scenario tables, or could not be read: the old one serves. */
        REJECTED,
        /** A kept earlier version serves again. */
        ROLLED_BACK
    }

    public ReloadResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(candidateVersion, "candidateVersion");
        problems = List.copyOf(problems);
    }
}
