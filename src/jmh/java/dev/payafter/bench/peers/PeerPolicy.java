package dev.payafter.bench.peers;

import dev.payafter.refund.CategoryType;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * One profile's fast-refund policy as the peers read it: the row of {@code rules/refund/fast-refund-policy.drl.csv}
 * and the rows of {@code excluded-categories.drl.csv} for that profile (none: the profile does not offer fast refund,
 * {@link #maxPaidAmount()} is null). Settled once per profile, as the engine settles its policy per session. The
 * values are those of the bundled tables; the benchmark's set-up checks every peer against the engine on every input,
 * so a table edit the copy misses fails the run instead of skewing it.
 */
public record PeerPolicy(String profile, BigDecimal maxPaidAmount, Integer premiumMinCompletedOrders,
        BigDecimal premiumMaxRefundRatePercent, Integer premiumMaxDisputes, Set<CategoryType> excludedCategories) {

    public PeerPolicy {
        excludedCategories = Set.copyOf(excludedCategories);
    }

    /** The bundled policy of {@code profile}: fast-refund-policy.drl.csv row 11 is kuaishou's, the only one. */
    public static PeerPolicy of(String profile) {
        if (profile.equals("kuaishou")) {
            return new PeerPolicy(profile, new BigDecimal("300.00"), 10, new BigDecimal("20"), 0,
                    EnumSet.of(CategoryType.VIRTUAL, CategoryType.CUSTOM_MADE));
        }
        return new PeerPolicy(profile, null, null, null, null, Set.of());
    }

    public boolean offered() {
        return maxPaidAmount != null;
    }

    public boolean excludes(CategoryType category) {
        return excludedCategories.contains(category);
    }

    public boolean hasPremiumCriteria() {
        return premiumMinCompletedOrders != null || premiumMaxRefundRatePercent != null || premiumMaxDisputes != null;
    }
}
