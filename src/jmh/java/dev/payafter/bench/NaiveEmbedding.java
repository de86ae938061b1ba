package dev.payafter.bench;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.facts.DeductionFindings;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.EligibilityFindings;
import dev.payafter.facts.EligibilityPolicy;
import dev.payafter.facts.Findings;
import dev.payafter.facts.Now;
import dev.payafter.facts.RefundFindings;
import dev.payafter.facts.RefundPolicy;
import dev.payafter.internal.CompiledRules;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The reference a host would write first: the same compiled KieBase, a new {@code StatelessKieSession} for every
 * decision, the request's policy and the request inserted as the rules expect, the result read back from the
 * findings. No fired-rule trace and no rule names
 * on the reasons (nothing listens to the agenda); faults are not caught.
 */
final class NaiveEmbedding {
    private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();
    private final KieBase eligibility;
    private final KieBase refund;
    private final KieBase deduction;
    private final String version;
    private final LocalDate today;

    /** Decides on {@code today}'s policy rows (effective dates), as the engine does with its clock. */
    NaiveEmbedding(CompiledRules rules, LocalDate today) {
        this.today = today;
        this.eligibility = rules.kieBase("eligibility");
        this.refund = rules.kieBase("refund");
        this.deduction = rules.kieBase("deduction");
        this.version = rules.info().version();
    }

    EligibilityDecision decide(String profile, EligibilityRequest request) {
        EligibilityFindings findings = new EligibilityFindings();
        execute(eligibility, new EligibilityPolicy(profile, request.scenario(), today), findings, null, request);
        DecisionTrace trace = new DecisionTrace(profile, version, List.of());
        if (findings.approved()) {
            return new EligibilityDecision(request.orderId(), EligibilityOutcome.ELIGIBLE, findings.approvals(),
                    Optional.ofNullable(findings.creditToFreeze()), Optional.ofNullable(findings.freeTrialDays()), trace);
        }
        return new EligibilityDecision(request.orderId(), EligibilityOutcome.INELIGIBLE, refusal(findings),
                Optional.empty(), Optional.empty(), trace);
    }

    RefundDecision decide(String profile, RefundRequest request) {
        RefundFindings findings = new RefundFindings();
        execute(refund, new RefundPolicy(profile, request.category(), today), findings, null, request);
        DecisionTrace trace = new DecisionTrace(profile, version, List.of());
        if (findings.approved()) {
            return new RefundDecision(request.orderId(), RefundOutcome.AUTO_APPROVED, findings.approvals(),
                    Optional.ofNullable(findings.notice()), trace);
        }
        return new RefundDecision(request.orderId(), RefundOutcome.MANUAL_REVIEW, refusal(findings), Optional.empty(),
                trace);
    }

    DeductionDecision decide(String profile, DeductionRequest request, Instant now) {
        DeductionFindings findings = new DeductionFindings();
        execute(deduction, new DeductionPolicy(profile, request.kind(), request.failedAttempts().size(),
                request.lastFailedAttempt().orElse(null), today), findings, new Now(now), request);
        DecisionTrace trace = new DecisionTrace(profile, version, List.of());
        DeductionOutcome outcome = findings.outcome();
        if (outcome == null || findings.conflicting()) {
            return new DeductionDecision(request.orderId(), DeductionOutcome.MANUAL_REVIEW, List.of(), Optional.empty(),
                    Optional.empty(), LossBearer.NONE, findings.notes(), trace);
        }
        return new DeductionDecision(request.orderId(), outcome, findings.actions(),
                outcome == DeductionOutcome.CHARGE ? Optional.ofNullable(findings.chargeAmount()) : Optional.empty(),
                outcome == DeductionOutcome.WAIT ? Optional.ofNullable(findings.nextCheckAt()) : Optional.empty(),
                findings.lossBearer(), findings.notes(), trace);
    }

    /**
     * One decision in a new stateless session, as the rules are written (see {@code DecisionShape}): the globals
     * set, the policy inserted and fired on (the tables fill it in), then the request inserted and fired on.
     */
    private static void execute(KieBase kieBase, Object policy, Findings findings, Now now, Object request) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        session.setGlobal("policy", policy);
        session.setGlobal("findings", findings);
        if (now != null) {
            session.setGlobal("now", now);
        }
        session.execute(COMMANDS.newBatchExecution(List.of(COMMANDS.newInsert(policy), COMMANDS.newFireAllRules(),
                COMMANDS.newInsert(request), COMMANDS.newFireAllRules())));
    }

    private static List<Reason> refusal(Findings findings) {
        return findings.failures().isEmpty()
                ? List.of(new Reason("NOT_APPROVED", "no rule approved this request", "(engine)"))
                : findings.failures();
    }
}
