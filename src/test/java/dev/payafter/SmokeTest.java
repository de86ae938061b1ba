package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.eligibility.*;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        var d = engine.decide(new EligibilityRequest("o1", Scenario.ECOMMERCE_GOODS, new BigDecimal("100"), true,
                Consumer.inGoodStanding("c1", new BigDecimal("1000"), CreditScore.zhima(549)), Merchant.enabled("m1")));
        System.out.println(d);
        var e = engine.decide(new EligibilityRequest("o1", Scenario.ECOMMERCE_GOODS, new BigDecimal("100"), true,
                Consumer.inGoodStanding("c1", new BigDecimal("1000"), CreditScore.zhima(550)), Merchant.enabled("m1")));
        System.out.println(e);
        assertThat(e.eligible()).isTrue();
        assertThat(d.eligible()).isFalse();
    }
}
