package dev.payafter.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.InvalidRequestException;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builders make the same records as the constructors, with cautious defaults and the same checks. */
class BuildersTest {

    @Test
    void eligibilityBuilderEqualsTheConstructor() {
        Consumer consumer = Consumer.builder("c-1")
                .creditScore(CreditScore.zhima(720))
                .creditScore(CreditScore.of(ScoreProvider.JD_XIAOBAI, 90))
                .riskAssessment(RiskAssessment.PASSED)
                .overdueUnpaidOrders(2)
                .revokedForAbuse(true)
                .availableCredit(new BigDecimal("500"))
                .build();
        assertThat(consumer).isEqualTo(new Consumer("c-1", List.of(CreditScore.zhima(720),
                CreditScore.jdXiaobai(90)), RiskAssessment.PASSED, true, 2, new BigDecimal("500.00")));

        Merchant merchant = Merchant.builder("m-1").payAfterUseEnabled(true).minimumScore(600).build();
        assertThat(merchant).isEqualTo(Merchant.enabledWithMinimum("m-1", 600));
        assertThat(Merchant.builder("m-2").build()).isEqualTo(Merchant.disabled("m-2"));

        EligibilityRequest built = EligibilityRequest.builder("o-1", Scenario.ECOMMERCE_GOODS, new BigDecimal("1.5"))
                .productPayAfterUseEnabled(true).consumer(consumer).merchant(merchant).build();
        assertThat(built).isEqualTo(new EligibilityRequest("o-1", Scenario.ECOMMERCE_GOODS, new BigDecimal("1.50"),
                true, consumer, merchant));
        assertThat(EligibilityRequest.builder("o-1", Scenario.ECOMMERCE_GOODS, BigDecimal.ONE).consumer(consumer)
                .merchant(merchant).build().productPayAfterUseEnabled()).isFalse();
    }

    @Test
    void eligibilityBuildersCheckAsTheConstructorsDo() {
        assertThatThrownBy(() -> Consumer.builder("c-1").availableCredit(BigDecimal.TEN).build())
                .isInstanceOf(InvalidRequestException.class).hasMessage("Consumer.riskAssessment: null is required");
        assertThatThrownBy(() -> Consumer.builder("c-1").riskAssessment(RiskAssessment.PASSED).build())
                .hasMessage("Consumer.availableCredit: null is required");
        assertThatThrownBy(() -> Consumer.builder("c-1").riskAssessment(RiskAssessment.PASSED)
                .availableCredit(BigDecimal.TEN).creditScore(CreditScore.zhima(600)).creditScore(CreditScore.zhima(700))
                .build()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("more than one ZHIMA");
        assertThatThrownBy(() -> Consumer.builder("c-1").overdueUnpaidOrders(-1)
                .riskAssessment(RiskAssessment.PASSED).availableCredit(BigDecimal.TEN).build())
                .hasMessageStartingWith("Consumer.overdueUnpaidOrders: -1");
        assertThatThrownBy(() -> Merchant.builder("m").minimumScore(1001).build())
                .hasMessage("Merchant.minimumScore: 1001 is outside 0..1000");
        assertThatThrownBy(() -> EligibilityRequest.builder("o-1", Scenario.ECOMMERCE_GOODS, new BigDecimal("1.001"))
                .consumer(Consumer.inGoodStanding("c", BigDecimal.ONE)).merchant(Merchant.enabled("m")).build())
                .hasMessageStartingWith("EligibilityRequest.amount: \"1.001\" has more than 2 decimal places");
        assertThatThrownBy(() -> EligibilityRequest.builder("o-1", Scenario.ECOMMERCE_GOODS, BigDecimal.ONE)
                .merchant(Merchant.enabled("m")).build())
                .hasMessage("EligibilityRequest.consumer: null is required");
        assertThatThrownBy(() -> CreditScore.of(ScoreProvider.ZHIMA, 951))
                .hasMessage("CreditScore.value: 951 is outside ZHIMA's range 350..950");
    }

    @Test
    void refundBuilderEqualsTheConstructor() {
        TradingHistory history = TradingHistory.builder().completedOrders(42)
                .refundRatePercent(new BigDecimal("3.5")).disputes(1).build();
        assertThat(history).isEqualTo(new TradingHistory(42, new BigDecimal("3.5"), 1));
        Buyer buyer = Buyer.builder("b-1").tradingHistory(history).build();
        assertThat(buyer).isEqualTo(Buyer.withHistory("b-1", history));
        assertThat(Buyer.builder("b-2").premium(true).revokedForAbuse(true).build())
                .isEqualTo(new Buyer("b-2", true, null, true));
        assertThat(Buyer.revokedForAbuse("b-3")).isEqualTo(new Buyer("b-3", false, null, true));

        RefundRequest built = RefundRequest.builder("o-2", buyer, new BigDecimal("39.9"))
                .shipping(ShippingStatus.UNSHIPPED).category(CategoryType.VIRTUAL).storeExcluded(true).build();
        assertThat(built).isEqualTo(new RefundRequest("o-2", buyer, new BigDecimal("39.90"),
                ShippingStatus.UNSHIPPED, CategoryType.VIRTUAL, true));
    }

    @Test
    void refundBuildersCheckAsTheConstructorsDo() {
        assertThatThrownBy(() -> Buyer.builder("b-1").build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Buyer.premium: null is required when Buyer.tradingHistory is not given");
        assertThatThrownBy(() -> Buyer.revokedForAbuse(" ")).hasMessage("Buyer.id: \" \" must not be blank");
        assertThatThrownBy(() -> TradingHistory.builder().build())
                .hasMessage("TradingHistory.refundRatePercent: null is required");
        assertThatThrownBy(() -> TradingHistory.builder().refundRatePercent(new BigDecimal("100.5")).build())
                .hasMessageStartingWith("TradingHistory.refundRatePercent: \"100.5\" must be between 0 and 100");
        assertThatThrownBy(() -> RefundRequest.builder("o", Buyer.judgedByHost("b", true), BigDecimal.ONE)
                .category(CategoryType.PHYSICAL).build()).hasMessage("RefundRequest.shipping: null is required");
        assertThatThrownBy(() -> RefundRequest.builder("o", Buyer.judgedByHost("b", true), new BigDecimal("-1"))
                .shipping(ShippingStatus.UNSHIPPED).category(CategoryType.PHYSICAL).build())
                .hasMessageStartingWith("RefundRequest.paidAmount: \"-1\" must not be negative");
    }
}
