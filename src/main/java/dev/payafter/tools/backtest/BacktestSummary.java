package dev.payafter.tools.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.payafter.internal.Checks;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The swap-set summary of a backtest, per profile and decision kind: how many decisions stayed, moved out (approved
 * before, refused by the new rules), moved in (refused before, approved now) or changed otherwise, and for the
 * moves what really happened to those orders. Money is exact ({@link BigDecimal}, yuan). Summaries of parts merge
 * ({@link #merge}) in any order to the same summary, and {@link #text()} and {@link #json()} are deterministic, so
 * the single-machine command and the Spark job print the same bytes for the same input.
 */
public final class BacktestSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Counts and yuan of one set of orders with one observed result. */
    static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        BigDecimal yuan = BigDecimal.ZERO;
        BigDecimal overdueYuan = BigDecimal.ZERO;

        void add(Tally other) {
            count += other.count;
            yuan = yuan.add(other.yuan);
            overdueYuan = overdueYuan.add(other.overdueYuan);
        }
    }

    /** The orders of one move (swap-out or swap-in). */
    static final class Side implements Serializable {
        private static final long serialVersionUID = 1L;
        final Tally all = new Tally();
        final Tally noOutcome = new Tally();
        final TreeMap<Outcome.Result, Tally> byResult = new TreeMap<>();

        void add(BigDecimal amount, Outcome outcome) {
            Tally one = new Tally();
            one.count = 1;
            one.yuan = amount;
            if (outcome != null && outcome.overdueAmount() != null) {
                one.overdueYuan = outcome.overdueAmount();
            }
            all.add(one);
            if (outcome == null) {
                noOutcome.add(one);
            } else {
                byResult.computeIfAbsent(outcome.result(), r -> new Tally()).add(one);
            }
        }

        void merge(Side other) {
            all.add(other.all);
            noOutcome.add(other.noOutcome);
            other.byResult.forEach((r, t) -> byResult.computeIfAbsent(r, x -> new Tally()).add(t));
        }

        Tally result(Outcome.Result result) {
            return byResult.getOrDefault(result, new Tally());
        }
    }

    /** One profile and kind. */
    static final class Cell implements Serializable {
        private static final long serialVersionUID = 1L;
        long decisions;
        long notReplayed;
        long mismatches;
        long unchanged;
        long other;
        final Side out = new Side();
        final Side in = new Side();

        void merge(Cell c) {
            decisions += c.decisions;
            notReplayed += c.notReplayed;
            mismatches += c.mismatches;
            unchanged += c.unchanged;
            other += c.other;
            out.merge(c.out);
            in.merge(c.in);
        }
    }

    private final TreeMap<String, Cell> cells = new TreeMap<>();

    private Cell cell(String profile, String kind) {
        return cells.computeIfAbsent(profile + "\t" + kind, k -> new Cell());
    }

    /** Counts {@code n} decisions the backtest does not replay ({@code DEDUCTION}). */
    public void addNotReplayed(String profile, String kind, long n) {
        Cell c = cell(profile, kind);
        c.decisions += n;
        c.notReplayed += n;
    }

    /** Counts {@code n} decisions that OLD reproduced and NEW left unchanged. */
    public void addUnchanged(String profile, String kind, long n) {
        Cell c = cell(profile, kind);
        c.decisions += n;
        c.unchanged += n;
    }

    /**
     * Adds one replayed decision.
     *
     * @param reproduced whether OLD reproduced the recorded decision
     * @param consumerId the recorded consumer or buyer, checked against the outcome's
     * @param outcome what happened to the order, or null when the books have nothing
     * @throws BacktestInputException if the outcome is of another consumer or another kind of decision
     */
    public void add(String profile, String kind, Replay.Move move, boolean reproduced, String orderId,
            String consumerId, BigDecimal amount, Outcome outcome) {
        if (outcome != null) {
            check(kind, orderId, consumerId, outcome);
        }
        Cell c = cell(profile, kind);
        c.decisions++;
        if (!reproduced) {
            c.mismatches++;
        }
        switch (move) {
            case UNCHANGED -> c.unchanged++;
            case OTHER -> c.other++;
            case SWAP_OUT -> c.out.add(amount, outcome);
            case SWAP_IN -> c.in.add(amount, outcome);
            default -> throw new IllegalArgumentException(String.valueOf(move));
        }
    }

    private static void check(String kind, String orderId, String consumerId, Outcome outcome) {
        String where = outcome.line() > 0 ? "outcomes line " + outcome.line() : "outcomes";
        if (!outcome.consumerId().equals(consumerId)) {
            throw new BacktestInputException(where + ": consumerId: " + Checks.shown(outcome.consumerId())
                    + ": order " + Checks.shown(orderId) + " was decided for " + Checks.shown(consumerId));
        }
        boolean payAfterUse = "ELIGIBILITY".equals(kind);
        if (outcome.result().payAfterUse() != payAfterUse) {
            throw new BacktestInputException(where + ": result: " + outcome.result() + ": order "
                    + Checks.shown(orderId) + " is a " + kind + " decision; its results are "
                    + (payAfterUse ? "ON_TIME, LATE or OVERDUE" : "UNDISPUTED, DISPUTED or MERCHANT_SHIPPED"));
        }
    }

    /** Adds another part's counts to this one. */
    public BacktestSummary merge(BacktestSummary other) {
        other.cells.forEach((k, c) -> cells.computeIfAbsent(k, x -> new Cell()).merge(c));
        return this;
    }

    /** How many decisions in all. */
    public long decisions() {
        return cells.values().stream().mapToLong(c -> c.decisions).sum();
    }

    /** How many replayed decisions OLD did not reproduce. */
    public long mismatches() {
        return cells.values().stream().mapToLong(c -> c.mismatches).sum();
    }

    /** One count of a profile and kind: decisions, unchanged, other, swapOut, swapIn, mismatches, notReplayed. */
    public long count(String profile, String kind, String what) {
        Cell c = cells.get(profile + "\t" + kind);
        if (c == null) {
            return 0;
        }
        return switch (what) {
            case "decisions" -> c.decisions;
            case "unchanged" -> c.unchanged;
            case "other" -> c.other;
            case "swapOut" -> c.out.all.count;
            case "swapIn" -> c.in.all.count;
            case "mismatches" -> c.mismatches;
            case "notReplayed" -> c.notReplayed;
            default -> throw new IllegalArgumentException(what);
        };
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private static String yuan(BigDecimal value) {
        return value.setScale(Math.max(2, value.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String share(long part, long whole) {
        if (whole == 0) {
            return "n/a";
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .toPlainString() + "%";
    }

    /** The summary for people: one block per profile and kind, in name order. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("backtest: ").append(decisions()).append(" recorded decisions");
        long notReplayed = cells.values().stream().mapToLong(c -> c.notReplayed).sum();
        if (notReplayed > 0) {
            s.append(", ").append(notReplayed).append(" of them deductions (not backtested)");
        }
        s.append('\n');
        long replayed = decisions() - notReplayed;
        s.append("OLD reproduces ").append(replayed - mismatches()).append(" of ").append(replayed)
                .append(" recorded decisions\n");
        cells.forEach((key, c) -> {
            String[] pk = key.split("\t", 2);
            s.append('\n').append(Checks.escaped(pk[0])).append(' ').append(pk[1]).append(": ").append(c.decisions)
                    .append(" decisions");
            if (c.notReplayed > 0) {
                s.append(", not backtested\n");
                return;
            }
            s.append(": ").append(c.unchanged).append(" unchanged, ").append(c.out.all.count).append(" swap-out, ")
                    .append(c.in.all.count).append(" swap-in, ").append(c.other).append(" other changes");
            if (c.mismatches > 0) {
                s.append(" (").append(c.mismatches).append(" not reproduced by OLD)");
            }
            s.append('\n');
            if ("ELIGIBILITY".equals(pk[1])) {
                if (c.out.all.count > 0) {
                    Tally overdue = c.out.result(Outcome.Result.OVERDUE);
                    Tally late = c.out.result(Outcome.Result.LATE);
                    Tally onTime = c.out.result(Outcome.Result.ON_TIME);
                    s.append("  swap-out (eligible -> ineligible): ").append(c.out.all.count).append(" orders, ")
                            .append(yuan(c.out.all.yuan)).append(" yuan\n");
                    s.append("    overdue: ").append(overdue.count).append(", debt avoided ")
                            .append(yuan(overdue.overdueYuan)).append(" yuan\n");
                    s.append("    paid late: ").append(late.count).append(", ").append(yuan(late.yuan))
                            .append(" yuan of orders lost\n");
                    s.append("    paid on time: ").append(onTime.count).append(", ").append(yuan(onTime.yuan))
                            .append(" yuan of good orders lost\n");
                    s.append("    no outcome: ").append(c.out.noOutcome.count).append('\n');
                }
                if (c.in.all.count > 0) {
                    s.append("  swap-in (ineligible -> eligible): ").append(c.in.all.count).append(" orders, ")
                            .append(yuan(c.in.all.yuan)).append(" yuan of new exposure (unobserved)\n");
                }
            } else {
                side(s, "auto-approvals lost (auto-approved -> manual review)", c.out);
                side(s, "auto-approvals gained (manual review -> auto-approved)", c.in);
            }
        });
        return s.toString();
    }

    private static void side(StringBuilder s, String title, Side side) {
        if (side.all.count == 0) {
            return;
        }
        Tally disputed = side.result(Outcome.Result.DISPUTED);
        Tally shipped = side.result(Outcome.Result.MERCHANT_SHIPPED);
        long observed = side.all.count - side.noOutcome.count;
        s.append("  ").append(title).append(": ").append(side.all.count).append(" refunds, ")
                .append(yuan(side.all.yuan)).append(" yuan\n");
        s.append("    disputed: ").append(disputed.count).append(" of ").append(observed).append(" with an outcome (")
                .append(share(disputed.count, observed)).append("), ").append(yuan(disputed.yuan)).append(" yuan\n");
        s.append("    merchant had shipped: ").append(shipped.count).append(", ").append(yuan(shipped.yuan))
                .append(" yuan\n");
        s.append("    no outcome: ").append(side.noOutcome.count).append('\n');
    }

    /** The summary as JSON (pretty-printed, members in a fixed order, money as strings). */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("decisions", decisions());
        root.put("mismatches", mismatches());
        java.util.List<Object> list = new java.util.ArrayList<>();
        cells.forEach((key, c) -> {
            String[] pk = key.split("\t", 2);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", pk[0]);
            m.put("kind", pk[1]);
            m.put("decisions", c.decisions);
            m.put("notReplayed", c.notReplayed);
            m.put("mismatches", c.mismatches);
            m.put("unchanged", c.unchanged);
            m.put("other", c.other);
            m.put("swapOut", side(c.out));
            m.put("swapIn", side(c.in));
            list.add(m);
        });
        root.put("profiles", list);
        try {
            return AuditLines.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> side(Side side) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", side.all.count);
        m.put("yuan", yuan(side.all.yuan));
        m.put("noOutcome", side.noOutcome.count);
        Map<String, Object> results = new LinkedHashMap<>();
        side.byResult.forEach((r, t) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("count", t.count);
            one.put("yuan", yuan(t.yuan));
            if (r == Outcome.Result.OVERDUE) {
                one.put("overdueYuan", yuan(t.overdueYuan));
            }
            results.put(r.name(), one);
        });
        m.put("byResult", results);
        return m;
    }

    /** The summary as a small self-contained HTML page (the text, escaped, in a {@code pre}). */
    public String html() {
        String text = text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>payafter backtest</title>"
                + "</head>\n<body><h1>Backtest</h1>\n<pre>" + text + "</pre></body></html>\n";
    }
}
