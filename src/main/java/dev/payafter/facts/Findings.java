package dev.payafter.facts;

import dev.payafter.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules found for one decision. Rules call {@link #fail}, {@link #approve} and {@link #note}; the
 * engine attributes each finding to the rule (or table row) whose consequence made it.
 *
 * <p>A decision is approved only if some rule approved it and no rule failed it: a rule set that says nothing
 * approves nothing (fail closed).
 */
public abstract class Findings {
    private final List<Reason> failures = new ArrayList<>();
    private final List<Reason> approvals = new ArrayList<>();
    private final List<Reason> notes = new ArrayList<>();
    private String currentRule = "(engine)";

    /** A condition the request does not meet; blocks approval. */
    public void fail(String code, String message) {
        failures.add(new Reason(code, message, currentRule));
    }

    /** Grants approval, unless some rule fails the request. */
    public void approve(String code, String message) {
        approvals.add(new Reason(code, message, currentRule));
    }

    /** Information that neither grants nor blocks. */
    public void note(String code, String message) {
        notes.add(new Reason(code, message, currentRule));
    }

    /** Called by the engine before each rule's consequence; rules do not call it. */
    public final void ruleFiring(String ruleName) {
        this.currentRule = ruleName;
    }

    /** The rule whose consequence is running, or {@code (engine)} outside one. */
    public final String currentRule() {
        return currentRule;
    }

    public final List<Reason> failures() {
        return List.copyOf(failures);
    }

    public final List<Reason> approvals() {
        return List.copyOf(approvals);
    }

    public final List<Reason> notes() {
        return List.copyOf(notes);
    }

    public final boolean hasFailures() {
        return !failures.isEmpty();
    }

    public final boolean approved() {
        return !approvals.isEmpty() && failures.isEmpty();
    }
}
