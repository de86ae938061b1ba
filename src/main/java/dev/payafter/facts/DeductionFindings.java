package dev.payafter.facts;

import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.LossBearer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Findings} of a deduction decision. Exactly one rule must {@link #decide} the outcome; a second rule
 * deciding a different outcome is a conflict, and the decision fails closed to manual review.
 */
public final class DeductionFindings extends Findings {
    private DeductionOutcome outcome;
    private final List<String> deciders = new ArrayList<>();
    private final List<DeductionOutcome> decided = new ArrayList<>();
    private final Set<DeductionAction> actions = EnumSet.noneOf(DeductionAction.class);
    private BigDecimal chargeAmount;
    private Instant nextCheckAt;
    private LossBearer lossBearer = LossBearer.NONE;
    private DeductionPlan plan;

    /** Decides the outcome and says why. */
    public void decide(DeductionOutcome value, String code, String message) {
        outcome = value;
        decided.add(value);
        deciders.add(currentRule());
        note(code, message);
    }

    /** Decides to charge {@code amount} now. */
    public void charge(BigDecimal amount, String code, String message) {
        decide(DeductionOutcome.CHARGE, code, message);
        chargeAmount = amount;
    }

    /** Decides to wait until {@code until} ({@code null}: until an event). */
    public void waitUntil(Instant until, String code, String message) {
        decide(DeductionOutcome.WAIT, code, message);
        nextCheckAt = until;
    }

    /** Adds an action for the host to take. */
    public void act(DeductionAction action) {
        open();
        actions.add(action);
    }

    public void lossBearer(LossBearer value) {
        open();
        lossBearer = value;
    }

    /** What is scheduled from this decision on (the policy makes it: {@code policy.plan(...)}). */
    public void plan(DeductionPlan value) {
        open();
        plan = value;
    }

    /** The plan a rule gave, or {@code null}. */
    public DeductionPlan plan() {
        return plan;
    }

    public DeductionOutcome outcome() {
        return outcome;
    }

    /** Whether more than one distinct outcome was decided. */
    public boolean conflicting() {
        return decided.stream().distinct().count() > 1;
    }

    /** The rules that decided an outcome, in order. */
    public List<String> deciders() {
        return List.copyOf(deciders);
    }

    public List<DeductionAction> actions() {
        return List.copyOf(actions);
    }

    public BigDecimal chargeAmount() {
        return chargeAmount;
    }

    public Instant nextCheckAt() {
        return nextCheckAt;
    }

    public LossBearer lossBearer() {
        return lossBearer;
    }
}
