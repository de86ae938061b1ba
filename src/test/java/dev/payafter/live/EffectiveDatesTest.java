package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The threshold becomes 600 on the 1st" is a table row added in advance: rows and rules take effect on a date
 * and expire on one, judged by the engine clock's date in the clock's own time zone.
 */
class EffectiveDatesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static PayAfterEngine engine;

    @BeforeAll
    static void rulesWithDatedRows(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        // Kuaishou: 600 from 1 April 2026; tmall: a 14-day trial only during April 2026.
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0,PAY_NOW\n",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0,PAY_NOW\nkuaishou,ECOMMERCE_GOODS,2026-04-01,,ZHIMA,600,,,,0,PAY_NOW\n");
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "tmall,ECOMMERCE_GOODS,,,ZHIMA,550,,,7,0,PAY_NOW\n",
                "tmall,ECOMMERCE_GOODS,,,ZHIMA,550,,,7,0,PAY_NOW\n"
                // issue 13: a blank is an error in a column not marked (optional), so the dated row repeats them
                + "tmall,ECOMMERCE_GOODS,2026-04-01,2026-05-01,ZHIMA,550,,,14,0,PAY_NOW\n");
        TestRules.write(rules, "refund/april-pause.drl", """
                package refund;
                import dev.payafter.facts.RefundFindings;
                import dev.payafter.facts.RefundPolicy;
                rule "Fast refund paused on 2026-04-02"
                when
                    RefundPolicy( day >= "2026-04-02", day < "2026-04-03" )
                    $findings : RefundFindings( )
                then
                    $findings.fail("FAST_REFUND_PAUSED", "fast refund is paused today");
                end
                """);
        engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
    }

    private static PayAfterEngine at(String time, ZoneId zone) {
        return engine.withClock(Clock.fixed(OffsetDateTime.parse(time).toInstant(), zone));
    }

    @Test
    void aRowTakesEffectAtMidnightOfItsDateInTheClocksZone() {
        assertThat(at("2026-03-31T23:59:59+08:00", SHANGHAI).decide(Requests.zhima(575, "10.00")).eligible()).isTrue();
        assertThat(at("2026-04-01T00:00:00+08:00", SHANGHAI).decide(Requests.zhima(575, "10.00")).reasonCodes())
                .containsExactly("SCORE_BELOW_MINIMUM");
        assertThat(at("2026-04-01T00:00:00+08:00", SHANGHAI).decide(Requests.zhima(600, "10.00")).eligible()).isTrue();
    }

    @Test
    void theSameInstantIsStillMarchOnAUtcClock() {
        Instant shanghaiMidnight = OffsetDateTime.parse("2026-04-01T00:00:00+08:00").toInstant();
        assertThat(engine.withClock(Clock.fixed(shanghaiMidnight, ZoneOffset.UTC))
                .decide(Requests.zhima(575, "10.00")).eligible()).isTrue();
        assertThat(engine.withClock(Clock.fixed(shanghaiMidnight, SHANGHAI))
                .decide(Requests.zhima(575, "10.00")).eligible()).isFalse();
    }

    @Test
    void aRowExpiresOnItsExpiryDate() {
        PayAfterEngine tmall = engine.withProfile("tmall");
        assertThat(tmall.withClock(Clock.fixed(OffsetDateTime.parse("2026-03-31T12:00+08:00").toInstant(), SHANGHAI))
                .decide(Requests.zhima(600, "10.00")).freeTrialDays()).contains(7);
        assertThat(tmall.withClock(Clock.fixed(OffsetDateTime.parse("2026-04-30T23:59+08:00").toInstant(), SHANGHAI))
                .decide(Requests.zhima(600, "10.00")).freeTrialDays()).contains(14);
        assertThat(tmall.withClock(Clock.fixed(OffsetDateTime.parse("2026-05-01T00:00+08:00").toInstant(), SHANGHAI))
                .decide(Requests.zhima(600, "10.00")).freeTrialDays()).contains(7);
    }

    @Test
    void aDrlRuleCanCarryItsOwnDates() {
        assertThat(at("2026-04-01T23:59+08:00", SHANGHAI).decide(Requests.refund("10.00")).autoApproved()).isTrue();
        assertThat(at("2026-04-02T00:00+08:00", SHANGHAI).decide(Requests.refund("10.00")).reasonCodes())
                .containsExactly("FAST_REFUND_PAUSED");
        assertThat(at("2026-04-03T00:00+08:00", SHANGHAI).decide(Requests.refund("10.00")).autoApproved()).isTrue();
    }
}
