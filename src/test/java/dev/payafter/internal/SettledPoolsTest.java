package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.facts.RefundPolicy;
import dev.payafter.refund.CategoryType;
import java.time.LocalDate;
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
}
