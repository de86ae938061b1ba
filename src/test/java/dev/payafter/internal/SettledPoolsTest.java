package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.RefundPolicy;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.CategoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How many settled pools a decision kind keeps: up to {@link CompiledRules#MAX_SETTLED_KEYS}; keys beyond them
 * decide in full rather than pushing pools in use out, and pools idle for a minute make room.
 */
class SettledPoolsTest {
    static CompiledRules compiled;

    @BeforeAll
    static void compile() {
        compiled = RuleCompiler.compile(RuleSource.bundled());
    }

    private static Object key(int day) {
        return List.of("kuaishou", LocalDate.of(2026, 1, 1).plusDays(day));
    }

    private static SessionPool pool(CompiledRules rules, int day) {
        LocalDate today = LocalDate.of(2026, 1, 1).plusDays(day);
        return rules.settledSessions(Deciders.REFUND, key(day),
                () -> new RefundPolicy("kuaishou", CategoryType.PHYSICAL, today));
    }

    @Test
    void keysBeyondTheLimitDecideInFullUntilIdlePoolsMakeRoom() {
        AtomicLong ticker = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
        CompiledRules rules = new CompiledRules(compiled.kieBases(), compiled.profiles(), compiled.info(),
                ticker::get);
        SessionPool[] first = new SessionPool[CompiledRules.MAX_SETTLED_KEYS];
        for (int day = 0; day < first.length; day++) {
            first[day] = pool(rules, day);
            assertThat(first[day]).as("day %d", day).isNotNull();
        }
        assertThat(pool(rules, 100)).as("a key beyond the limit").isNull();
        ticker.addAndGet(CompiledRules.SWEEP_NANOS + 1);
        assertThat(pool(rules, 100)).as("after a sweep that found no idle pool").isNull();
        for (int day = 0; day < first.length; day++) {
            assertThat(pool(rules, day)).as("day %d is still served by its pool", day).isSameAs(first[day]);
        }

        // days 0..31 stay busy for two minutes in steps, the others fall idle
        for (int step = 0; step < 4; step++) {
            ticker.addAndGet(CompiledRules.IDLE_NANOS / 2);
            for (int day = 0; day < 32; day++) {
                assertThat(pool(rules, day)).isSameAs(first[day]);
            }
        }
        SessionPool late = pool(rules, 100);
        assertThat(late).as("an idle pool made room").isNotNull();
        assertThat(pool(rules, 100)).isSameAs(late);
        for (int day = 0; day < 32; day++) {
            assertThat(pool(rules, day)).as("busy day %d kept its pool", day).isSameAs(first[day]);
        }
        assertThat(pool(rules, 40)).as("an idle day settles anew").isNotNull().isNotSameAs(first[40]);
    }

    @Test
    void decisionsOnKeysBeyondTheLimitAreTheDecisionsOfFreshSessions() {
        AtomicLong ticker = new AtomicLong(); // never moves: no pool falls idle, so keys beyond the limit decide in full
        CompiledRules shared = new CompiledRules(compiled.kieBases(), compiled.profiles(), compiled.info(),
                ticker::get);
        Instant first = Instant.parse("2026-03-01T02:00:00Z");
        int compared = 0;
        for (int day = 0; day < 100; day++) { // deductions key their policy by profile, order kind and day
            Instant now = first.plus(Duration.ofDays(day));
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            CompiledRules fresh = new CompiledRules(compiled.kieBases(), compiled.profiles(), compiled.info());
            RandomRequests random = new RandomRequests(day, now);
            for (int i = 0; i < 20; i++) {
                DeductionRequest request = random.deduction();
                String profile = random.profile();
                DeductionDecision expected = Deciders.deduction(fresh, profile, PayAfterEngine.DEFAULT_FIRE_LIMIT,
                        request, now, today);
                DeductionDecision actual = Deciders.deduction(shared, profile, PayAfterEngine.DEFAULT_FIRE_LIMIT,
                        request, now, today);
                assertThat(actual).as("day %d, %s under %s", day, request, profile).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(2_000);
        assertThat(shared.settledSessions(Deciders.DEDUCTION, List.of("kuaishou", "a key never seen"),
                () -> new DeductionPolicy("kuaishou", OrderKind.GOODS, 0, null, LocalDate.of(2027, 1, 1))))
                .as("the limit was reached, so later keys decided in full").isNull();
    }
}
