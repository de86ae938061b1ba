package dev.payafter.tools.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.payafter.PayAfterException;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.internal.Checks;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one line of the audit trail ({@link dev.payafter.live.JsonLinesAuditSink#line}): {@code decidedAt},
 * {@code kind}, {@code profile}, the whole {@code request} and the whole {@code decision} with its {@code trace}.
 * The only class of the backtest that knows that format: when the format changes, this file changes.
 *
 * <p>Hostile lines are bounded (nesting, number, string and name length, as the analyst's request reader) and every
 * problem is one {@code file:line: field: value: why} message. Money may be a string ({@code "199.00"}, as the sink
 * writes it) or a JSON number, read exactly. Members the backtest does not need are ignored; a member it needs that
 * is missing or of the wrong type is an error.
 */
public final class AuditLines {
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(64)
            .maxNumberLength(100).maxStringLength(1 << 20).maxNameLength(1_000).build();

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AuditLines() {
    }

    /** A problem at a field of a line. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;
        final transient Object value;
        final String why;

        Bad(String field, Object value, String why) {
            super(field + ": " + why, null, false, false);
            this.field = field;
            this.value = value;
            this.why = why;
        }
    }

    /**
     * Reads one audit line.
     *
     * @param source the file, as messages name it
     * @param line the line number
     * @throws BacktestInputException naming file, line, field and value if the line is not a recorded decision
     */
    public static RecordedDecision parse(String source, long line, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw new BacktestInputException(where(source, line) + ": not JSON: "
                    + Checks.shown(why == null ? e.getClass().getSimpleName() : why));
        }
        try {
            return read(line, root);
        } catch (Bad e) {
            throw new BacktestInputException(where(source, line) + ": " + e.field + ": " + Checks.shown(e.value)
                    + ": " + e.why);
        } catch (PayAfterException | IllegalArgumentException e) { // a record's own checks, values already shown
            throw new BacktestInputException(where(source, line) + ": " + Checks.escaped(String.valueOf(e.getMessage())));
        }
    }

    static String where(String source, long line) {
        return Checks.escaped(source) + ":" + line;
    }

    private static RecordedDecision read(long line, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new Bad("(line)", root == null ? "" : root.getNodeType(), "is not a JSON object");
        }
        Instant decidedAt = instant(root, "decidedAt");
        String kind = text(root, "kind");
        String profile = text(root, "profile");
        JsonNode request = object(root, "request", "request");
        JsonNode decision = object(root, "decision", "decision");
        JsonNode trace = object(decision, "trace", "decision.trace");
        String version = text(trace, "ruleSetVersion", "decision.trace.ruleSetVersion");
        String orderId = text(request, "orderId", "request.orderId");
        return switch (kind) {
            case "ELIGIBILITY" -> {
                EligibilityRequest r = eligibility(request);
                Map<String, String> details = new TreeMap<>();
                optionalMoney(decision, "creditToFreeze", "decision.creditToFreeze")
                        .ifPresent(v -> details.put("creditToFreeze", v.toPlainString()));
                JsonNode trial = decision.get("freeTrialDays");
                if (trial != null && !trial.isNull()) {
                    details.put("freeTrialDays", Integer.toString(integer(decision, "freeTrialDays",
                            "decision.freeTrialDays")));
                }
                yield new RecordedDecision(line, kind, decidedAt, profile, r,
                        new RecordedDecision.Replayed(outcome(decision, "ELIGIBLE", "INELIGIBLE"),
                                codes(decision), details),
                        version, r.orderId(), r.consumer().id(), r.amount());
            }
            case "REFUND" -> {
                RefundRequest r = refund(request);
                Map<String, String> details = new TreeMap<>();
                JsonNode notice = decision.get("notice");
                if (notice != null && !notice.isNull()) {
                    details.put("notice", text(decision, "notice", "decision.notice"));
                }
                yield new RecordedDecision(line, kind, decidedAt, profile, r,
                        new RecordedDecision.Replayed(outcome(decision, "AUTO_APPROVED", "MANUAL_REVIEW"),
                                codes(decision), details),
                        version, r.orderId(), r.buyer().id(), r.paidAmount());
            }
            case "DEDUCTION" -> new RecordedDecision(line, kind, decidedAt, profile, null,
                    new RecordedDecision.Replayed(text(decision, "outcome", "decision.outcome"), List.of(), Map.of()),
                    version, orderId, null, null);
            default -> throw new Bad("kind", kind, "is not ELIGIBILITY, REFUND or DEDUCTION");
        };
    }

    private static EligibilityRequest eligibility(JsonNode r) {
        JsonNode c = object(r, "consumer", "request.consumer");
        JsonNode scoresNode = c.get("creditScores");
        if (scoresNode == null || !scoresNode.isArray()) {
            throw new Bad("request.consumer.creditScores", scoresNode, "must be an array");
        }
        List<CreditScore> scores = new ArrayList<>();
        for (int i = 0; i < scoresNode.size(); i++) {
            String at = "request.consumer.creditScores[" + i + "]";
            JsonNode s = scoresNode.get(i);
            if (!s.isObject()) {
                throw new Bad(at, s, "is not an object");
            }
            scores.add(new CreditScore(enumValue(ScoreProvider.class, s, "provider", at + ".provider"),
                    integer(s, "value", at + ".value")));
        }
        Consumer consumer = new Consumer(text(c, "id", "request.consumer.id"), scores,
                enumValue(RiskAssessment.class, c, "riskAssessment", "request.consumer.riskAssessment"),
                bool(c, "revokedForAbuse", "request.consumer.revokedForAbuse"),
                integer(c, "overdueUnpaidOrders", "request.consumer.overdueUnpaidOrders"),
                money(c, "availableCredit", "request.consumer.availableCredit"));
        JsonNode m = object(r, "merchant", "request.merchant");
        JsonNode min = m.get("minimumScore");
        Merchant merchant = new Merchant(text(m, "id", "request.merchant.id"),
                bool(m, "payAfterUseEnabled", "request.merchant.payAfterUseEnabled"),
                min == null || min.isNull() ? null : integer(m, "minimumScore", "request.merchant.minimumScore"));
        return new EligibilityRequest(text(r, "orderId", "request.orderId"),
                enumValue(Scenario.class, r, "scenario", "request.scenario"),
                money(r, "amount", "request.amount"),
                bool(r, "productPayAfterUseEnabled", "request.productPayAfterUseEnabled"), consumer, merchant);
    }

    private static RefundRequest refund(JsonNode r) {
        JsonNode b = object(r, "buyer", "request.buyer");
        JsonNode premium = b.get("premium");
        JsonNode history = b.get("tradingHistory");
        TradingHistory trading = null;
        if (history != null && !history.isNull()) {
            JsonNode h = object(b, "tradingHistory", "request.buyer.tradingHistory");
            trading = new TradingHistory(integer(h, "completedOrders", "request.buyer.tradingHistory.completedOrders"),
                    number(h, "refundRatePercent", "request.buyer.tradingHistory.refundRatePercent"),
                    integer(h, "disputes", "request.buyer.tradingHistory.disputes"));
        }
        Buyer buyer = new Buyer(text(b, "id", "request.buyer.id"),
                premium == null || premium.isNull() ? null : bool(b, "premium", "request.buyer.premium"), trading,
                bool(b, "revokedForAbuse", "request.buyer.revokedForAbuse"));
        return new RefundRequest(text(r, "orderId", "request.orderId"), buyer,
                money(r, "paidAmount", "request.paidAmount"),
                enumValue(ShippingStatus.class, r, "shipping", "request.shipping"),
                enumValue(CategoryType.class, r, "category", "request.category"),
                bool(r, "storeExcluded", "request.storeExcluded"));
    }

    private static String outcome(JsonNode decision, String yes, String no) {
        String outcome = text(decision, "outcome", "decision.outcome");
        if (!outcome.equals(yes) && !outcome.equals(no)) {
            throw new Bad("decision.outcome", outcome, "is not " + yes + " or " + no);
        }
        return outcome;
    }

    private static List<String> codes(JsonNode decision) {
        JsonNode reasons = decision.get("reasons");
        if (reasons == null || !reasons.isArray()) {
            throw new Bad("decision.reasons", reasons, "must be an array");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            JsonNode reason = reasons.get(i);
            if (!reason.isObject()) {
                throw new Bad("decision.reasons[" + i + "]", reason, "is not an object");
            }
            codes.add(text(reason, "code", "decision.reasons[" + i + "].code"));
        }
        codes.sort(null);
        return codes;
    }

    // ---- values ----------------------------------------------------------------------------------------------

    private static JsonNode object(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw new Bad(field, node == null ? "(missing)" : node, "must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String name) {
        return text(parent, name, name);
    }

    private static String text(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual()) {
            throw new Bad(field, node == null ? "(missing)" : node, "must be a string");
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isBoolean()) {
            throw new Bad(field, node == null ? "(missing)" : node, "must be true or false");
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new Bad(field, node == null ? "(missing)" : node, "must be a whole number");
        }
        return node.intValue();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode parent, String name, String field) {
        String value = text(parent, name, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new Bad(field, value, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static BigDecimal money(JsonNode parent, String name, String field) {
        return optionalMoney(parent, name, field).orElseThrow(() -> new Bad(field, "(missing)", "is required"));
    }

    private static java.util.Optional<BigDecimal> optionalMoney(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Checks.money(field, decimal(node, field)));
    }

    private static BigDecimal number(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new Bad(field, "(missing)", "is required");
        }
        return decimal(node, field);
    }

    /** A number written as a string or a JSON number, exactly, with at most {@value Checks#MAX_DIGITS} digits. */
    static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > 60 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
                throw new Bad(field, text, "is not a decimal number");
            }
            value = new BigDecimal(text);
        } else {
            throw new Bad(field, node, "must be a number");
        }
        if (value.precision() > Checks.MAX_DIGITS || Math.abs(value.scale()) > Checks.MAX_DIGITS) {
            throw new Bad(field, value, "has more than " + Checks.MAX_DIGITS + " digits");
        }
        return value;
    }

    private static Instant instant(JsonNode parent, String name) {
        String text = text(parent, name);
        try {
            return Checks.time(name, Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new Bad(name, text, "is not an ISO-8601 instant such as 2026-11-03T08:15:00Z");
        }
    }
}
