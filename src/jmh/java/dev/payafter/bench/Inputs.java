package dev.payafter.bench;

import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Scenario;
import dev.payafter.reference.RandomRequests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The requests every variant decides, identical for the engine, the naive embedding and plain Java: {@link #SIZE}
 * random valid requests of one kind from {@link RandomRequests} (seeded, so every run and fork sees the same ones),
 * each with the profile it is decided under. Eligibility requests go, three times in four, to a profile that offers
 * their scenario, as a platform's checkout would (a uniform draw would make five in six "scenario not offered").
 */
final class Inputs {
    static final int SIZE = 4_096;
    static final long SEED = 5L;
    static final Instant NOW = Instant.parse("2026-04-01T02:00:00Z");

    private static final Map<Scenario, List<String>> OFFERED_BY = Map.of(
            Scenario.ECOMMERCE_GOODS, List.of("kuaishou", "tmall", "zhima-650", "jd"),
            Scenario.SHIP_FIRST_PAY_LATER, List.of("wechat-pay-score"),
            Scenario.PARK_FIRST_PAY_LATER, List.of("wechat-pay-score"),
            Scenario.DEPOSIT_FREE_RENTAL, List.of("wechat-pay-score", "alipay"),
            Scenario.STAGED_SERVICE_PAYMENT, List.of("alipay"),
            Scenario.TELECOM, List.of("alipay"));

    final String kind;
    final Object[] requests = new Object[SIZE];
    final String[] profiles = new String[SIZE];

    Inputs(String kind) {
        this.kind = kind;
        RandomRequests random = new RandomRequests(SEED + kind.hashCode(), NOW);
        SplittableRandom pick = new SplittableRandom(SEED);
        for (int i = 0; i < SIZE; i++) {
            switch (kind) {
                case "eligibility" -> {
                    EligibilityRequest request = random.eligibility();
                    List<String> offering = OFFERED_BY.get(request.scenario());
                    requests[i] = request;
                    profiles[i] = pick.nextInt(4) == 0 ? random.profile() : offering.get(pick.nextInt(offering.size()));
                }
                case "refund" -> {
                    requests[i] = random.refund();
                    profiles[i] = random.profile();
                }
                case "deduction" -> {
                    requests[i] = random.deduction();
                    profiles[i] = random.profile();
                }
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
    }
}
