package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.PlannedStep;
import dev.payafter.deduction.ReturnState;
import dev.payafter.deduction.StepKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan a deduction decision carries: what it lists for an order, that every later decision asked at a planned
 * step's time (with the failed attempts the step implies) says what the plan said and carries the rest of the same
 * plan, and that the plan follows the tables (a changed retry schedule, a reminder column, the restore setting).
 */
class DeductionPlanTest {
    private static final Instant ORDERED = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant DELIVERED = Instant.parse("2026-03-03T02:00:00Z");

    @TempDir
    Path temp;

    private static PayAfterEngine engine(String profile) {
        return PayAfterEngine.builder().profile(profile).clock(Clock.fixed(DELIVERED, ZoneOffset.UTC)).build();
    }

    private static Instant days(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }

    private static DeductionRequest.Builder order() {
        return DeductionRequest.builder("o-1", "c-1", OrderKind.GOODS, new BigDecimal("120.00"), ORDERED)
                .shippedAt(ORDERED).deliveredAt(DELIVERED);
    }

    private static DeductionDecision decide(PayAfterEngine engine, Instant now, DeductionRequest request) {
        return engine.withClock(Clock.fixed(now, ZoneOffset.UTC)).decide(request);
    }

    @Test
    void aKuaishouOrderDeliveredNowPlansTheAutoConfirmedChargeEachRetryAndTheOverdueDay() {
        try (PayAfterEngine engine = engine("kuaishou")) {
            DeductionDecision decision = decide(engine, DELIVERED, order().build());

            assertThat(decision.outcome()).isEqualTo(DeductionOutcome.WAIT);
            DeductionPlan plan = decision.plan();
            assertThat(plan.maxAttempts()).isEqualTo(4);
            Instant due = days(DELIVERED, 10);
            assertThat(plan.steps()).containsExactly(
                    new PlannedStep(due, StepKind.DEDUCT, 1, List.of(DeductionAction.DEDUCT)),
                    new PlannedStep(due, StepKind.FAILED, 1, List.of(DeductionAction.REMIND_CONSUMER,
                            DeductionAction.ADVANCE_MERCHANT_SETTLEMENT)),
                    new PlannedStep(days(due, 1), StepKind.RETRY, 2, List.of(DeductionAction.RETRY_DEDUCTION,
                            DeductionAction.REMIND_CONSUMER)),
                    new PlannedStep(days(due, 1), StepKind.FAILED, 2, List.of(DeductionAction.REMIND_CONSUMER)),
                    new PlannedStep(days(due, 4), StepKind.RETRY, 3, List.of(DeductionAction.RETRY_DEDUCTION,
                            DeductionAction.REMIND_CONSUMER)),
                    new PlannedStep(days(due, 4), StepKind.FAILED, 3, List.of(DeductionAction.REMIND_CONSUMER)),
                    new PlannedStep(days(due, 11), StepKind.RETRY, 4, List.of(DeductionAction.RETRY_DEDUCTION,
                            DeductionAction.REMIND_CONSUMER)),
                    new PlannedStep(days(due, 11), StepKind.OVERDUE, 4, List.of(DeductionAction.MARK_OVERDUE,
                            DeductionAction.REPORT_OVERDUE, DeductionAction.REVOKE_ELIGIBILITY)));
            assertThat(plan.nextAttempt()).map(PlannedStep::at).contains(due);
            assertThat(plan.overdueAt()).contains(days(due, 11));
        }
    }

    @Test
    void aTmallOrderIsRemindedTheDayBeforeItsTrialEnds() {
        try (PayAfterEngine engine = engine("tmall")) {
            DeductionDecision decision = decide(engine, DELIVERED, order().build());

            Instant trialEnd = days(DELIVERED, 7);
            assertThat(decision.nextCheckAt()).contains(days(DELIVERED, 6));
            assertThat(decision.actions()).isEmpty();
            assertThat(decision.plan().steps().get(0))
                    .isEqualTo(new PlannedStep(days(DELIVERED, 6), StepKind.REMIND, 1,
                            List.of(DeductionAction.REMIND_CONSUMER)));
            assertThat(decision.plan().nextAttempt()).map(PlannedStep::at).contains(trialEnd);

            DeductionDecision reminded = decide(engine, days(DELIVERED, 6), order().build());
            assertThat(reminded.reasonCodes()).containsExactly("CHARGE_DUE_SOON");
            assertThat(reminded.actions()).containsExactly(DeductionAction.REMIND_CONSUMER);
            assertThat(reminded.nextCheckAt()).contains(trialEnd);
        }
    }

    @Test
    void everyProfileWalksItsWholePlanAndEachLaterDecisionAgrees() {
        for (String profile : List.of("kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score")) {
            try (PayAfterEngine engine = engine(profile)) {
                walk(engine, profile);
            }
        }
    }

    @Test
    void aServiceWalksItsPlanFromTheChargeOfItsActualFee() {
        try (PayAfterEngine engine = engine("alipay")) {
            Instant now = Instant.parse("2026-03-01T03:30:00Z");
            DeductionRequest.Builder service = DeductionRequest.builder("s-1", "c-1", OrderKind.SERVICE,
                    new BigDecimal("50.00"), ORDERED).actualFee(new BigDecimal("12.50"));
            DeductionDecision charge = decide(engine, now, service.build());
            assertThat(charge.outcome()).isEqualTo(DeductionOutcome.CHARGE);
            assertThat(charge.plan().steps().get(0)).isEqualTo(new PlannedStep(now, StepKind.DEDUCT, 1,
                    List.of(DeductionAction.DEDUCT)));
            followPlan(engine, "alipay", charge.plan(), () -> DeductionRequest.builder("s-1", "c-1", OrderKind.SERVICE,
                    new BigDecimal("50.00"), ORDERED).actualFee(new BigDecimal("12.50")));
        }
    }

    /** Decides at delivery, then at each planned step's time with the failures the step implies. */
    private static void walk(PayAfterEngine engine, String profile) {
        DeductionDecision first = decide(engine, DELIVERED, order().build());
        DeductionPlan plan = first.plan();
        assertThat(plan.steps()).as(profile).isNotEmpty();
        assertThat(first.nextCheckAt()).as(profile + ": the first decision asks again at the first step")
                .contains(plan.steps().get(0).at());
        followPlan(engine, profile, plan, DeductionPlanTest::order);
    }

    private static void followPlan(PayAfterEngine engine, String profile, DeductionPlan plan,
            java.util.function.Supplier<DeductionRequest.Builder> order) {
        List<PlannedStep> steps = plan.steps();
        assertThat(steps.get(steps.size() - 1).kind()).as(profile).isEqualTo(StepKind.OVERDUE);
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            DeductionRequest.Builder request = order.get();
            // the attempts before this step failed at their planned times; the host did what the plan said
            boolean advanced = false;
            List<Instant> failures = new ArrayList<>();
            for (PlannedStep earlier : steps.subList(0, i)) {
                advanced |= earlier.actions().contains(DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
                if (earlier.kind() == StepKind.FAILED) {
                    failures.add(earlier.at());
                }
            }
            if (step.kind() == StepKind.FAILED || step.kind() == StepKind.OVERDUE) {
                failures.add(step.at());
            }
            assertThat(failures).as("%s step %d", profile, i).hasSize(step.failedAttempts());
            failures.forEach(request::failedAttempt);
            DeductionDecision decision = decide(engine, step.at(), request.merchantSettlementAdvanced(advanced).build());

            String where = profile + " step " + i + " " + step;
            assertThat(decision.outcome()).as(where).isEqualTo(step.kind().outcome());
            assertThat(new HashSet<>(decision.actions())).as(where).isEqualTo(Set.copyOf(step.actions()));
            assertThat(decision.plan().maxAttempts()).as(where).isEqualTo(plan.maxAttempts());
            assertThat(decision.plan().steps()).as(where).isEqualTo(steps.subList(i, steps.size()));
            if (decision.outcome() == DeductionOutcome.WAIT) {
                assertThat(decision.nextCheckAt()).as(where).contains(steps.get(i + 1).at());
            }
        }
    }

    @Test
    void thePlanFollowsTheRetryTable() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "deduction/retry-schedule.drl.csv", ",2,3", ",2,5");
        TestRules.replace(rules, "deduction/retry-schedule.drl.csv", ",3,7", ",3,7\n,4,14");
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .clock(Clock.fixed(DELIVERED, ZoneOffset.UTC)).build()) {
            DeductionPlan plan = decide(engine, DELIVERED, order().build()).plan();

            Instant due = days(DELIVERED, 10);
            assertThat(plan.maxAttempts()).isEqualTo(5);
            assertThat(plan.steps().stream().filter(s -> s.kind() == StepKind.RETRY).map(PlannedStep::at).toList())
                    .containsExactly(days(due, 1), days(due, 6), days(due, 13), days(due, 27));
            assertThat(plan.overdueAt()).contains(days(due, 27));
            walk(engine, "kuaishou with 4 retries");
        }
    }

    @Test
    void aReloadedRetryTableChangesThePlan() {
        Path rules = TestRules.copyOfBundled(temp);
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .clock(Clock.fixed(DELIVERED, ZoneOffset.UTC)).build()) {
            assertThat(decide(engine, DELIVERED, order().build()).plan().maxAttempts()).isEqualTo(4);
            TestRules.replace(rules, "deduction/retry-schedule.drl.csv", ",3,7\n", "");
            assertThat(engine.reload().toString()).contains("SWAPPED");

            DeductionPlan plan = decide(engine, DELIVERED, order().build()).plan();
            assertThat(plan.maxAttempts()).isEqualTo(3);
            assertThat(plan.overdueAt()).contains(days(DELIVERED, 10 + 1 + 3));
        }
    }

    @Test
    void aReminderColumnSetForKuaishouRemindsBeforeTheAutomaticConfirmation() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "deduction/deduction-policy.drl.csv", "kuaishou,GOODS,,,ON_RECEIPT,10,,true,,true",
                "kuaishou,GOODS,,,ON_RECEIPT,10,,true,2,true");
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .clock(Clock.fixed(DELIVERED, ZoneOffset.UTC)).build()) {
            DeductionDecision waiting = decide(engine, days(DELIVERED, 8).minusSeconds(1), order().build());
            assertThat(waiting.reasonCodes()).containsExactly("AWAITING_RECEIPT_CONFIRMATION");
            assertThat(waiting.nextCheckAt()).contains(days(DELIVERED, 8));
            assertThat(waiting.plan().steps().get(0).kind()).isEqualTo(StepKind.REMIND);

            DeductionDecision reminded = decide(engine, days(DELIVERED, 8), order().build());
            assertThat(reminded.reasonCodes()).containsExactly("CHARGE_DUE_SOON");
            assertThat(reminded.actions()).containsExactly(DeductionAction.REMIND_CONSUMER);
            walk(engine, "kuaishou reminding 2 days before");
        }
    }

    @Test
    void whetherPayingAnOverdueDebtLateRestoresEligibilityIsTheTablesSetting() {
        Instant confirmed = days(DELIVERED, 1);
        DeductionRequest.Builder overdue = order().receiptConfirmedAt(confirmed).merchantSettlementAdvanced(true);
        for (int day : new int[] {1, 2, 5, 12}) {
            overdue.failedAttempt(days(DELIVERED, day));
        }
        DeductionRequest paidLate = overdue.debtPaidAt(days(DELIVERED, 20)).build();
        Instant now = days(DELIVERED, 21);
        try (PayAfterEngine bundled = engine("kuaishou")) {
            DeductionDecision decision = decide(bundled, now, paidLate);
            assertThat(decision.reasonCodes()).containsExactly("OVERDUE_DEBT_PAID");
            assertThat(decision.actions()).containsExactly(DeductionAction.CLEAR_OVERDUE,
                    DeductionAction.RESTORE_ELIGIBILITY);
            assertThat(decision.plan().isEmpty()).isTrue();
        }
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "deduction/deduction-policy.drl.csv", "kuaishou,GOODS,,,ON_RECEIPT,10,,true,,true",
                "kuaishou,GOODS,,,ON_RECEIPT,10,,true,,false");
        try (PayAfterEngine strict = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
            DeductionDecision decision = strict.decide(paidLate);
            assertThat(decision.outcome()).isEqualTo(DeductionOutcome.NO_CHARGE);
            assertThat(decision.actions()).containsExactly(DeductionAction.CLEAR_OVERDUE);
        }
    }

    @Test
    void anIntactReturnAfterAnAdvanceRecoversItAndNobodyBearsALossOnceRecovered() {
        DeductionRequest.Builder returned = order().receiptConfirmedAt(days(DELIVERED, 1))
                .failedAttempt(days(DELIVERED, 1)).returnState(ReturnState.ARRIVED_INTACT)
                .merchantSettlementAdvanced(true);
        try (PayAfterEngine engine = engine("kuaishou")) {
            DeductionDecision owed = decide(engine, days(DELIVERED, 3), returned.build());
            assertThat(owed.actions()).contains(DeductionAction.RECOVER_ADVANCE_FROM_MERCHANT);
            assertThat(owed.lossBearer().name()).isEqualTo("PLATFORM");
            DeductionDecision recovered = decide(engine, days(DELIVERED, 4), returned.advanceRecovered(true).build());
            assertThat(recovered.actions()).containsExactly(DeductionAction.RELEASE_FROZEN_CREDIT);
            assertThat(recovered.lossBearer().name()).isEqualTo("NONE");
        }
    }
}
