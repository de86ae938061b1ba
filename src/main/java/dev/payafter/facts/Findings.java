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
    private boolean settling;

    /** A condition the request does not meet; blocks approval. */
    public void fail(String code, String message) {
        open();
        failures.add(new Reason(code, message, currentRule));
    }

    /** Grants approval, unless some rule fails the request. */
    public void approve(String code, String message) {
        open();
        approvals.add(new Reason(code, message, currentRule));
    }

    /** Information that neither grants nor blocks. */
    public void note(String code, String message) {
        open();
        notes.add(new Reason(code, message, currentRule));
    }

    /** Called by the engine before each rule's consequence; rules do not call it. */
    public final void ruleFiring(String ruleName) {
        this.currentRule = ruleName;
    }

    /**
     * Called by the engine with {@code true} while a session's policy settles, before any request is in it; rules do
     * not call it. A rule that reports then matches no request, so its finding would belong to no decision.
     */
    public final void settling(boolean value) {
        this.settling = value;
    }

    /** Throws when no decision is open to report into (see {@link #settling}); every reporting method calls it. */
    protected final void open() {
        if (settling) {
            throw new IllegalStateException("rule \"" + currentRule + "\" reported a finding while the policy settled,"
                    + " before any request was inserted: a rule that reports must match the request");
        }
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
