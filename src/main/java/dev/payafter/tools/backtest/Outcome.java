package dev.payafter.tools.backtest;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What happened to one order, from the host's books.
 *
 * <p>Columns (CSV with a header row, or JSON Lines members), names exact:
 * <ul>
 *   <li>{@code orderId}: the order, as in the recorded request</li>
 *   <li>{@code consumerId}: the consumer (eligibility) or buyer (refund); must be the recorded one</li>
 *   <li>{@code result}: for a pay-after-use order {@code ON_TIME}, {@code LATE} (paid after the due date) or
 *       {@code OVERDUE} (still unpaid); for a refund {@code UNDISPUTED}, {@code DISPUTED} (the merchant disputed
 *       it later) or {@code MERCHANT_SHIPPED} (the merchant had in fact shipped)</li>
 *   <li>{@code overdueAmount}: yuan still unpaid, at most 2 decimals, above zero; only with {@code OVERDUE}
 *       (empty or absent otherwise)</li>
 * </ul>
 *
 * @param line the line of the outcomes file
 */
public record Outcome(long line, String orderId, String consumerId, Result result, BigDecimal overdueAmount) {

    /** What happened. */
    public enum Result {
        ON_TIME(true), LATE(true), OVERDUE(true), UNDISPUTED(false), DISPUTED(false), MERCHANT_SHIPPED(false);

        private final boolean payAfterUse;

        Result(boolean payAfterUse) {
            this.payAfterUse = payAfterUse;
        }

        /** Whether this is a result of a pay-after-use order (else of a refund). */
        public boolean payAfterUse() {
            return payAfterUse;
        }
    }

    /**
     * An outcome from its columns by name (absent and empty are the same).
     *
     * @throws BacktestInputException naming file, line, column and value
     */
    public static Outcome of(String source, long line, Map<String, String> columns) {
        String where = AuditLines.where(source, line);
        String orderId = required(where, columns, "orderId");
        String consumerId = required(where, columns, "consumerId");
        String resultText = required(where, columns, "result");
        Result result;
        try {
            result = Result.valueOf(resultText);
        } catch (IllegalArgumentException e) {
            throw bad(where, "result", resultText, "is not one of " + java.util.Arrays.toString(Result.values()));
        }
        String amountText = columns.get("overdueAmount");
        BigDecimal overdue = null;
        if (amountText != null && !amountText.isEmpty()) {
            if (result != Result.OVERDUE) {
                throw bad(where, "overdueAmount", amountText, "is only given with result OVERDUE");
            }
            if (amountText.length() > 20 || !amountText.matches("[0-9]+(\\.[0-9]{1,2})?")) {
                throw bad(where, "overdueAmount", amountText, "is not an amount in yuan with at most 2 decimals");
            }
            overdue = new BigDecimal(amountText);
            if (overdue.signum() <= 0) {
                throw bad(where, "overdueAmount", amountText, "must be above zero");
            }
        } else if (result == Result.OVERDUE) {
            throw bad(where, "overdueAmount", "", "is required with result OVERDUE");
        }
        for (String id : new String[] {"orderId", "consumerId"}) {
            String value = columns.get(id);
            if (value.length() > Checks.MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
                throw bad(where, id, value, "is not an id (at most " + Checks.MAX_ID_LENGTH
                        + " characters, no control characters)");
            }
        }
        return new Outcome(line, orderId, consumerId, result, overdue);
    }

    private static String required(String where, Map<String, String> columns, String name) {
        String value = columns.get(name);
        if (value == null || value.isEmpty()) {
            throw bad(where, name, value == null ? "(missing)" : "", "is required");
        }
        return value;
    }

    private static BacktestInputException bad(String where, String field, String value, String why) {
        return new BacktestInputException(where + ": " + field + ": " + Checks.shown(value) + ": " + why);
    }
}
