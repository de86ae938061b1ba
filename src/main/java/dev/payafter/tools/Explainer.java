package dev.payafter.tools;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.EligibilityPolicy;
import dev.payafter.facts.RefundPolicy;
import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import dev.payafter.refund.RefundRequest;
import dev.payafter.scenarios.RecordedRequests;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code explain}: decides one recorded request and shows every rule and table row that fired, and for each table
 * row of the decision that did not fire, the first condition that failed and the value it saw.
 */
public final class Explainer {
    private Explainer() {
    }

    /**
     * One table row that did not fire.
     *
     * @param rule the row's rule name ({@code <file> row <n>})
     * @param where its first cell
     * @param why the first condition that failed and the value it saw (or why that cannot be told)
     */
    public record RowMiss(String rule, String where, String why) {
    }

    /**
     * The explanation.
     *
     * @param decision the decision, with its fired rules
     * @param notFiredRules the DRL rules of the decision kind that did not fire
     * @param rowMisses the table rows of the decision kind that did not fire, with why
     */
    public record Explanation(RecordedRequests.Decision decision, List<String> notFiredRules,
            List<RowMiss> rowMisses) {
        public Explanation {
            notFiredRules = List.copyOf(notFiredRules);
            rowMisses = List.copyOf(rowMisses);
        }
    }

    /**
     * Explains the decision of one record (its fields as {@link RecordedRequests} reads them).
     *
     * @throws dev.payafter.RuleCompilationException if the rules do not compile
     * @throws dev.payafter.scenarios.ScenarioTableException if the record cannot be read or its request is invalid
     *     (found before any rule is compiled), or the rule set has no such profile
     */
    public static Explanation explain(Path rules, Map<String, String> fields, Path requestFile,
            List<String> allowed) {
        return explain(rules, RecordedRequests.parse(fields, requestFile, 1), fields, allowed);
    }

    /** Explains a record already read and checked ({@link RecordedRequests#parse}): only now are rules compiled. */
    static Explanation explain(Path rules, RecordedRequests.Parsed parsed, Map<String, String> fields,
            List<String> allowed) {
        RuleSource source = RuleSource.fromDirectory(rules);
        List<String> profiles = RuleCompiler.compileProfiles(source);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules)
                .profile(profiles.isEmpty() ? "default" : profiles.get(0))
                .allowRuleAccessTo(allowed.toArray(String[]::new)).build();
        RecordedRequests.Decision decision = RecordedRequests.decide(engine, parsed);
        Set<String> fired = new HashSet<>(decision.firedRules());
        List<String> notFired = new ArrayList<>();
        for (RuleCatalog.Entry entry : RuleCatalog.of(source)) {
            if (entry.kind().equals(decision.kind()) && !fired.contains(entry.name())
                    && !entry.name().contains(".drl.")) {
                notFired.add(entry.name());
            }
        }
        // the day the decision was made on, as the engine saw it: the record's "now" (deductions) or today, in UTC
        String now = fields.getOrDefault("now", "").strip();
        java.time.LocalDate day = now.isEmpty() ? java.time.LocalDate.now(engine.clock())
                : java.time.LocalDate.ofInstant(java.time.OffsetDateTime.parse(now).toInstant(), java.time.ZoneOffset.UTC);
        List<Object> facts = facts(decision, day);
        List<RowMiss> misses = new ArrayList<>();
        for (RuleFile file : source.files()) {
            if (!file.type().table() || !file.folder().equals(decision.kind())) {
                continue;
            }
            DecisionTableModel model = DecisionTableModel.read(file);
            for (DecisionTableModel.Table table : model.tables()) {
                for (DecisionTableModel.DataRow row : table.rows()) {
                    String rule = file.name() + " row " + row.row();
                    if (!fired.contains(rule)) {
                        misses.add(new RowMiss(rule, model.cellRef(row.row(), table.startColumn()),
                                why(model, table, row, facts, decision)));
                    }
                }
            }
        }
        return new Explanation(decision, notFired, misses);
    }

    /** The first failing condition of a row, with the value it saw. */
    private static String why(DecisionTableModel model, DecisionTableModel.Table table,
            DecisionTableModel.DataRow row, List<Object> facts, RecordedRequests.Decision decision) {
        if (decision.request() == null) {
            return "the request was invalid, so no rule ran";
        }
        for (DecisionTableModel.Column column : table.conditions()) {
            String cell = row.cell(column.column());
            if (cell.isEmpty()) {
                continue;
            }
            TableCondition condition = TableCondition.of(column, cell);
            String cellRef = model.cellRef(row.row(), column.column());
            if (condition == null) {
                return cellRef + ": " + column.title() + " \"" + cell + "\" cannot be evaluated by this tool";
            }
            Class<?> type = TableLinter.factClass(model, column);
            Object fact = type == null ? null : facts.stream().filter(type::isInstance).findFirst().orElse(null);
            if (fact == null) {
                return cellRef + ": " + column.title() + ": no " + column.objectType() + " fact to evaluate "
                        + condition.expression() + " on";
            }
            Object actual = property(fact, condition.property());
            if (!condition.test(actual)) {
                return cellRef + ": " + column.title() + " (" + condition.expression() + ") failed: "
                        + condition.property() + " was " + (actual instanceof String ? "\"" + actual + "\"" : actual);
            }
        }
        return "every condition held, yet the row did not fire";
    }

    /** The facts a table row's conditions can test: the decision's policy fact, the request and its parts. */
    private static List<Object> facts(RecordedRequests.Decision decision, java.time.LocalDate day) {
        List<Object> facts = new ArrayList<>();
        Object request = decision.request();
        if (request instanceof EligibilityRequest r) {
            facts.add(new EligibilityPolicy(decision.profile(), r.scenario(), day));
            facts.add(r);
            facts.add(r.consumer());
            facts.add(r.merchant());
            facts.addAll(r.consumer().creditScores());
        } else if (request instanceof RefundRequest r) {
            facts.add(new RefundPolicy(decision.profile(), r.category(), day));
            facts.add(r);
            facts.add(r.buyer());
            if (r.buyer().tradingHistory() != null) {
                facts.add(r.buyer().tradingHistory());
            }
        } else if (request instanceof DeductionRequest r) {
            facts.add(new DeductionPolicy(decision.profile(), r.kind(), r.failedAttempts().size(),
                    r.lastFailedAttempt().orElse(null), day));
            facts.add(r);
        }
        return facts;
    }

    private static Object property(Object fact, String property) {
        String capitalised = property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
        for (String name : List.of("get" + capitalised, "is" + capitalised, property)) {
            try {
                Method method = fact.getClass().getMethod(name);
                return method.invoke(fact);
            } catch (NoSuchMethodException e) {
                // the next accessor form
            } catch (IllegalAccessException | InvocationTargetException e) {
                return "(unreadable: " + e + ")";
            }
        }
        return "(no property " + property + ")";
    }
}
