package dev.payafter;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule set could not be loaded. Carries every problem found, each with its file, line, column and message.
 * No engine is built from a rule set with any problem: rules never half-load.
 */
public final class RuleCompilationException extends PayAfterException {
    private static final long serialVersionUID = 1L;

    private final transient Path root;
    private final transient List<RuleProblem> problems;

    public RuleCompilationException(Path root, List<RuleProblem> problems) {
        super(describe(root, problems));
        this.root = root;
        this.problems = List.copyOf(problems);
    }

    /** The root of the rule set that failed. */
    public Path root() {
        return root;
    }

    /** Every problem, in file order. Never empty. */
    public List<RuleProblem> problems() {
        return problems;
    }

    private static String describe(Path root, List<RuleProblem> problems) {
        return "rule set " + root + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":" + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
