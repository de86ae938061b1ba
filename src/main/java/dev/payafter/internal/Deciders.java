package dev.payafter.internal;

import dev.payafter.DecisionTrace;
import dev.payafter.InvalidRequestException;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RefusalPath;
import dev.payafter.eligibility.Scenario;
import dev.payafter.facts.DeductionFindings;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.EligibilityFindings;
import dev.payafter.facts.EligibilityPolicy;
import dev.payafter.facts.Findings;
import dev.payafter.facts.Now;
import dev.payafter.facts.RefundFindings;
import dev.payafter.facts.RefundPolicy;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.TradingHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a request into facts, runs the rules and turns the findings into a decision, for each decision kind.
 * Every path that is not a clean approval by the rules ends closed: not eligible, manual review, no charge.
 */
public final class Deciders {
    private static final String ENGINE = "(engine)";

    static final DecisionRunner.Kind ELIGIBILITY = new DecisionRunner.Kind("eligibility", EligibilityPolicy.class,
            Set.of(EligibilityRequest.class, Consumer.class, Merchant.class, CreditScore.class, EligibilityPolicy.class,
                    EligibilityFindings.class), EligibilityFindings::new);
    static final DecisionRunner.Kind REFUND = new DecisionRunner.Kind("refund", RefundPolicy.class,
            Set.of(RefundRequest.class, Buyer.class, TradingHistory.class, RefundPolicy.class, RefundFindings.class),
            RefundFindings::new);
    static final DecisionRunner.Kind DEDUCTION = new DecisionRunner.Kind("deduction", DeductionPolicy.class,
            Set.of(DeductionRequest.class, Now.class, DeductionPolicy.class, DeductionFindings.class),
            DeductionFindings::new);

    /** What a policy fact depends on besides the rules: the profile and one value of the request. */
    private record PolicyKey(String profile, Object key) {
    }

    private Deciders() {
    }

    public static EligibilityDecision eligibility(CompiledRules rules, String profile, int fireLimit,
            EligibilityRequest request, LocalDate today) {
        EligibilityFindings findings = new EligibilityFindings();
        List<CreditScore> scores = request.consumer().creditScores();
        List<Object> facts = new ArrayList<>(3 + scores.size());
        facts.add(request);
        facts.add(request.consumer());
        facts.add(request.merchant());
        facts.addAll(scores);
        Scenario scenario = request.scenario();
        // the policy depends on the profile, the scenario and the day (effective dates)
        DecisionRunner.Run run = DecisionRunner.run(rules, ELIGIBILITY, facts, null,
                new PolicyKey(profile, List.of(scenario, today)), () -> new EligibilityPolicy(profile, scenario, today),
                findings, fireLimit);
        DecisionTrace trace = trace(rules, profile, run);
        if (!run.faulted() && findings.approved()) {
            return new EligibilityDecision(request.orderId(), EligibilityOutcome.ELIGIBLE,
                    concat(findings.approvals(), findings.notes()), Optional.ofNullable(findings.creditToFreeze()),
                    Optional.ofNullable(findings.freeTrialDays()), trace);
        }
        // a refusal says what it means at checkout; when the rules failed, the cautious path
        RefusalPath path = run.faulted() || findings.whenRefused() == null ? RefusalPath.REFUSED : findings.whenRefused();
        return new EligibilityDecision(request.orderId(), EligibilityOutcome.INELIGIBLE, refusal(run, findings),
                Optional.empty(), Optional.empty(), trace, Optional.of(path));
    }

    public static RefundDecision refund(CompiledRules rules, String profile, int fireLimit, RefundRequest request,
            LocalDate today) {
        RefundFindings findings = new RefundFindings();
        TradingHistory history = request.buyer().tradingHistory();
        List<Object> facts = history == null ? List.of(request, request.buyer())
                : List.of(request, request.buyer(), history);
        CategoryType category = request.category();
        DecisionRunner.Run run = DecisionRunner.run(rules, REFUND, facts, null, new PolicyKey(profile, List.of(category, today)),
                () -> new RefundPolicy(profile, category, today), findings, fireLimit);
        DecisionTrace trace = trace(rules, profile, run);
        if (!run.faulted() && findings.approved()) {
            return new RefundDecision(request.orderId(), RefundOutcome.AUTO_APPROVED,
                    concat(findings.approvals(), findings.notes()), Optional.ofNullable(findings.notice()), trace,
                    Optional.ofNullable(findings.lossIfShippedUntracked()));
        }
        return new RefundDecision(request.orderId(), RefundOutcome.MANUAL_REVIEW, refusal(run, findings),
                Optional.empty(), trace);
    }

    public static DeductionDecision deduction(CompiledRules rules, String profile, int fireLimit,
            DeductionRequest request, Instant now, LocalDate today) {
        notAfterNow("DeductionRequest.orderedAt", request.orderedAt(), now);
        notAfterNow("DeductionRequest.shippedAt", request.shippedAt(), now);
        notAfterNow("DeductionRequest.deliveredAt", request.deliveredAt(), now);
        notAfterNow("DeductionRequest.receiptConfirmedAt", request.receiptConfirmedAt(), now);
        notAfterNow("DeductionRequest.debtPaidAt", request.debtPaidAt(), now);
        request.lastFailedAttempt().ifPresent(last -> notAfterNow(
                "DeductionRequest.failedAttempts[" + (request.failedAttempts().size() - 1) + "]", last, now));

        DeductionFindings findings = new DeductionFindings();
        OrderKind kind = request.kind();
        int failed = request.failedAttempts().size();
        Instant lastFailed = request.lastFailedAttempt().orElse(null);
        PolicyKey key = new PolicyKey(profile, List.of(kind, today));
        int[] schedule = RETRY_SCHEDULES.of(rules, key, kind, today, fireLimit);
        // the policy carries the request's failed attempts: only orders with none share one (per kind and day)
        DecisionRunner.Run run = DecisionRunner.run(rules, DEDUCTION, List.of(request), new Now(now),
                failed == 0 ? key : null,
                () -> new DeductionPolicy(profile, kind, failed, lastFailed, today, schedule), findings, fireLimit);
        DecisionTrace trace = trace(rules, profile, run);

        String problem = null;
        String problemCode = null;
        if (run.faulted()) {
            problemCode = run.faultCode();
            problem = run.fault();
        } else if (findings.outcome() == null) {
            problemCode = "NO_RULE_DECIDED";
            problem = "no rule decided what to do with this order; it is not charged automatically";
        } else if (findings.conflicting()) {
            problemCode = "CONFLICTING_RULES";
            problem = "rules " + findings.deciders() + " decided different outcomes; it is not charged automatically";
        } else if (findings.outcome() == DeductionOutcome.CHARGE && findings.chargeAmount() == null) {
            problemCode = "NO_CHARGE_AMOUNT";
            problem = "a rule decided to charge but named no amount; it is not charged automatically";
        }
        if (problem != null) {
            List<Reason> reasons = new ArrayList<>();
            reasons.add(new Reason(problemCode, problem, ENGINE));
            reasons.addAll(findings.notes());
            return new DeductionDecision(request.orderId(), DeductionOutcome.MANUAL_REVIEW, List.of(),
                    Optional.empty(), Optional.empty(), LossBearer.NONE, reasons, trace);
        }
        DeductionOutcome outcome = findings.outcome();
        return new DeductionDecision(request.orderId(), outcome, findings.actions(),
                outcome == DeductionOutcome.CHARGE ? Optional.of(findings.chargeAmount()) : Optional.empty(),
                outcome == DeductionOutcome.WAIT ? Optional.ofNullable(findings.nextCheckAt()) : Optional.empty(),
                findings.lossBearer(), concat(findings.notes(), findings.failures()), trace,
                findings.plan() == null ? DeductionPlan.none() : findings.plan());
    }

    private static final RetrySchedules RETRY_SCHEDULES = new RetrySchedules();

    /**
     * The retry schedule of a profile's deduction policy for every count of failed attempts, as the rules set it
     * (the policy for 1, 2, 3, ... failures, settled with no request and no last failure, up to the first count with
     * no retry), for the plan a deduction decision carries. Read once per rule set, profile, order kind and day.
     */
    static final class RetrySchedules {
        /** At most this many counts are read (a schedule with more rows plans as many retries, then overdue). */
        static final int MAX_COUNTS = 1_000;
        private static final int[] NONE = new int[0];
        private volatile Cache last;
        private final Map<CompiledRules, Cache> caches = Collections.synchronizedMap(new WeakHashMap<>());

        private record Cache(CompiledRules rules, Map<PolicyKey, int[]> schedules) {
        }

        int[] of(CompiledRules rules, PolicyKey key, OrderKind kind, LocalDate today, int fireLimit) {
            Cache cache = last;
            if (cache == null || cache.rules != rules) {
                cache = caches.computeIfAbsent(rules, r -> new Cache(r, new ConcurrentHashMap<>()));
                last = cache;
            }
            int[] schedule = cache.schedules.get(key);
            if (schedule == null) {
                schedule = read(rules, key.profile(), kind, today, fireLimit);
                if (cache.schedules.size() > 4_096) {
                    cache.schedules.clear(); // yesterday's days
                }
                cache.schedules.put(key, schedule);
            }
            return schedule;
        }

        private static int[] read(CompiledRules rules, String profile, OrderKind kind, LocalDate today,
                int fireLimit) {
            List<Integer> days = new ArrayList<>();
            for (int count = 1; count <= MAX_COUNTS; count++) {
                DeductionPolicy[] made = new DeductionPolicy[1];
                int failures = count;
                DecisionRunner.Run run = DecisionRunner.run(rules, DEDUCTION, List.of(), null, null,
                        () -> made[0] = new DeductionPolicy(profile, kind, failures, null, today),
                        new DeductionFindings(), fireLimit);
                if (run.faulted() || made[0] == null || made[0].getRetryAfterDays() == null) {
                    break; // a rule set that cannot say: the plan lists no retry it cannot vouch for
                }
                days.add(made[0].getRetryAfterDays());
            }
            if (days.isEmpty()) {
                return NONE;
            }
            int[] schedule = new int[days.size()];
            for (int i = 0; i < schedule.length; i++) {
                schedule[i] = days.get(i);
            }
            return schedule;
        }
    }

    private static void notAfterNow(String field, Instant value, Instant now) {
        if (value != null && value.isAfter(now)) {
            throw new InvalidRequestException(field, value, "is after the engine clock's now " + now);
        }
    }

    private static DecisionTrace trace(CompiledRules rules, String profile, DecisionRunner.Run run) {
        return new DecisionTrace(profile, rules.info().version(), run.firedRules());
    }

    /** The reasons of a refusal: the fault if any, every failure, and a reason even when the rules gave none. */
    private static List<Reason> refusal(DecisionRunner.Run run, Findings findings) {
        List<Reason> reasons = new ArrayList<>();
        if (run.faulted()) {
            reasons.add(new Reason(run.faultCode(), run.fault() + "; the decision fails closed", ENGINE));
        }
        reasons.addAll(findings.failures());
        if (reasons.isEmpty()) {
            reasons.add(new Reason("NOT_APPROVED", "no rule approved this request, so it is not approved", ENGINE));
        }
        reasons.addAll(findings.notes());
        return reasons;
    }

    private static List<Reason> concat(List<Reason> first, List<Reason> second) {
        List<Reason> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
