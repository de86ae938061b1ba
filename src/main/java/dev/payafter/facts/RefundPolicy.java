package dev.payafter.facts;

import dev.payafter.deduction.LossBearer;
import dev.payafter.refund.CategoryType;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The profile's fast-refund policy for the request's category, filled in by the rows of
 * {@code rules/refund/fast-refund-policy.drl.csv} and {@code rules/refund/excluded-categories.drl.csv}.
 * Fast refund is offered only when {@code maxPaidAmount} is set.
 */
public final class RefundPolicy extends Policy {
    private final CategoryType category;
    private BigDecimal maxPaidAmount;
    private String approvalNotice;
    private Integer premiumMinCompletedOrders;
    private BigDecimal premiumMaxRefundRatePercent;
    private Integer premiumMaxDisputes;
    private boolean categoryExcluded;
    private LossBearer lossIfShippedUntracked;

    public RefundPolicy(String profile, CategoryType category, LocalDate date) {
        super(profile, date);
        this.category = category;
    }

    public CategoryType getCategory() {
        return category;
    }

    /** The paid amount must be strictly under this (yuan). */
    public BigDecimal getMaxPaidAmount() {
        return maxPaidAmount;
    }

    public void setMaxPaidAmount(BigDecimal maxPaidAmount) {
        this.maxPaidAmount = maxPaidAmount;
    }

    public String getApprovalNotice() {
        return approvalNotice;
    }

    public void setApprovalNotice(String approvalNotice) {
        this.approvalNotice = approvalNotice;
    }

    public Integer getPremiumMinCompletedOrders() {
        return premiumMinCompletedOrders;
    }

    public void setPremiumMinCompletedOrders(Integer premiumMinCompletedOrders) {
        this.premiumMinCompletedOrders = premiumMinCompletedOrders;
    }

    public BigDecimal getPremiumMaxRefundRatePercent() {
        return premiumMaxRefundRatePercent;
    }

    public void setPremiumMaxRefundRatePercent(BigDecimal premiumMaxRefundRatePercent) {
        this.premiumMaxRefundRatePercent = premiumMaxRefundRatePercent;
    }

    public Integer getPremiumMaxDisputes() {
        return premiumMaxDisputes;
    }

    public void setPremiumMaxDisputes(Integer premiumMaxDisputes) {
        this.premiumMaxDisputes = premiumMaxDisputes;
    }

    public boolean isCategoryExcluded() {
        return categoryExcluded;
    }

    public void setCategoryExcluded(boolean categoryExcluded) {
        this.categoryExcluded = categoryExcluded;
    }

    /**
     * Who bears the loss of an automatically approved refund should the goods have shipped after all without a
     * tracking number (the order still shows as unshipped), or {@code null} when the table names no one.
     */
    public LossBearer getLossIfShippedUntracked() {
        return lossIfShippedUntracked;
    }

    public void setLossIfShippedUntracked(LossBearer lossIfShippedUntracked) {
        this.lossIfShippedUntracked = lossIfShippedUntracked;
    }
}
