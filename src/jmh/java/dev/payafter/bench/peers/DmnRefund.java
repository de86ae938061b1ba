package dev.payafter.bench.peers;

import dev.payafter.refund.Buyer;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.api.KieServices;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;

/**
 * Fast refund on KIE DMN 10.2 (the same Drools release as the engine): {@code src/jmh/resources/peers/fast-refund.dmn},
 * a COLLECT decision table whose rows are the refusing rules of the DRL with their reason codes, and a literal
 * expression that approves when none matched. The policy and the request go in as FEEL contexts (maps), built per
 * decision from the request as a host would; the explanation is the collected reason codes.
 */
public final class DmnRefund implements RefundPeer {
    /** Read from the project folder (benchmarks run from it): src/jmh/resources is not on the bench class path. */
    public static final Path MODEL = Path.of("src", "jmh", "resources", "peers", "fast-refund.dmn");

    private final DMNRuntime runtime;
    private final DMNModel model;
    private final Map<PeerPolicy, Map<String, Object>> policies = new java.util.concurrent.ConcurrentHashMap<>();

    public DmnRefund() {
        runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                .fromResources(List.of(KieServices.get().getResources().newFileSystemResource(MODEL.toFile())))
                .getOrElseThrow(e -> new IllegalStateException("cannot build " + MODEL + ": " + e.getMessage(), e));
        model = runtime.getModel("https://payafter.dev/dmn/fast-refund", "fast-refund");
        if (model == null || model.hasErrors()) {
            throw new IllegalStateException(MODEL + " has errors: " + (model == null ? "no model" : model.getMessages()));
        }
    }

    @Override
    public PeerDecision decide(PeerPolicy policy, RefundRequest request) {
        DMNContext context = runtime.newContext();
        context.set("Policy", policies.computeIfAbsent(policy, DmnRefund::policyContext));
        context.set("Request", requestContext(request));
        DMNResult result = runtime.evaluateByName(model, context, "Refund");
        DMNDecisionResult refund = result.getDecisionResultByName("Refund");
        if (result.hasErrors() || refund.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            throw new IllegalStateException("DMN evaluation failed for " + request + ": " + result.getMessages());
        }
        Map<?, ?> decided = (Map<?, ?>) refund.getResult();
        List<?> reasons = (List<?>) decided.get("reasons");
        return new PeerDecision(RefundOutcome.valueOf((String) decided.get("outcome")),
                reasons.stream().map(String.class::cast).toList());
    }

    private static Map<String, Object> policyContext(PeerPolicy policy) {
        Map<String, Object> map = new HashMap<>();
        map.put("maxPaidAmount", policy.maxPaidAmount());
        map.put("premiumMinCompletedOrders", number(policy.premiumMinCompletedOrders()));
        map.put("premiumMaxRefundRatePercent", policy.premiumMaxRefundRatePercent());
        map.put("premiumMaxDisputes", number(policy.premiumMaxDisputes()));
        map.put("excludedCategories", policy.excludedCategories().stream().map(Enum::name)
                .collect(Collectors.toUnmodifiableList()));
        return map;
    }

    private static Map<String, Object> requestContext(RefundRequest request) {
        Buyer buyer = request.buyer();
        TradingHistory history = buyer.tradingHistory();
        Map<String, Object> map = new HashMap<>(16);
        map.put("paidAmount", request.paidAmount());
        map.put("shipping", request.shipping().name());
        map.put("category", request.category().name());
        map.put("storeExcluded", request.storeExcluded());
        map.put("buyerRevoked", buyer.revokedForAbuse());
        map.put("premium", buyer.premium());
        map.put("completedOrders", history == null ? null : BigDecimal.valueOf(history.completedOrders()));
        map.put("refundRatePercent", history == null ? null : history.refundRatePercent());
        map.put("disputes", history == null ? null : BigDecimal.valueOf(history.disputes()));
        return map;
    }

    private static BigDecimal number(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
