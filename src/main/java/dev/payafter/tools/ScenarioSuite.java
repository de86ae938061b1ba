package dev.payafter.tools;

import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.scenarios.ScenarioTables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code test}: runs every scenario table of a rule set and measures which rules and table rows the scenarios
 * fired.
 */
public final class ScenarioSuite {
    private ScenarioSuite() {
    }

    /**
     * A table that could not be run.
     *
     * @param table the scenario table
     * @param message why, naming the line or cell
     */
    public record TableError(Path table, String message) {
    }

    /**
     * A rule or table row no scenario fired.
     *
     * @param name the rule's name as traces show it
     * @param where its file and line (row for a table)
     */
    public record Uncovered(String name, String where) {
    }

    /**
     * What {@code test} found.
     *
     * @param results every scenario's result, table by table
     * @param tableErrors tables that could not be run
     * @param rules how many rules and table rows the rule set has
     * @param uncovered those no scenario fired, in file order
     * @param notMeasured table rows left out of coverage because the scenario table of their profile could not run
     * @param unknownReasons expected reason codes no rule of the decision gives (the scenario can never pass)
     */
    public record Report(List<ScenarioResult> results, List<TableError> tableErrors, int rules,
            List<Uncovered> uncovered, List<Uncovered> notMeasured, List<Finding> unknownReasons) {
        public Report {
            results = List.copyOf(results);
            tableErrors = List.copyOf(tableErrors);
            uncovered = List.copyOf(uncovered);
            notMeasured = List.copyOf(notMeasured);
            unknownReasons = List.copyOf(unknownReasons);
        }

        /** Scenarios that ran and did not pass. */
        public long failed() {
            return results.stream().filter(r -> !r.passed() && !r.notRun()).count();
        }

        /** Scenarios not run because of a bad cell. */
        public long notRun() {
            return results.stream().filter(ScenarioResult::notRun).count();
        }

        /** Whether everything passed: no failure, no row or table not run, no unknown reason code. */
        public boolean allPassed() {
            return failed() == 0 && notRun() == 0 && tableErrors.isEmpty() && unknownReasons.isEmpty();
        }

        /** The share of rules and table rows fired by some scenario, in percent with one decimal (100 when none). */
        public BigDecimal coveragePercent() {
            if (rules == 0) {
                return new BigDecimal("100.0");
            }
            return BigDecimal.valueOf((long) (rules - uncovered.size()) * 100)
                    .divide(BigDecimal.valueOf(rules), 1, RoundingMode.DOWN);
        }
    }

    /**
     * Runs every scenario table below {@code rules}.
     *
     * @throws dev.payafter.RuleCompilationException if the rules do not compile
     */
    public static Report run(Path rules, List<String> allowed) {
        RuleSource source = RuleSource.fromDirectory(rules);
        List<String> profiles = RuleCompiler.compileProfiles(source);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules)
                .profile(profiles.isEmpty() ? "default" : profiles.get(0))
                .allowRuleAccessTo(allowed.toArray(String[]::new)).build();
        List<ScenarioResult> results = new ArrayList<>();
        List<TableError> errors = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        for (Path table : ScenarioTables.find(rules)) {
            try {
                List<ScenarioResult> tableResults = ScenarioTables.run(engine, table);
                results.addAll(tableResults);
                tableResults.forEach(r -> fired.addAll(r.firedRules()));
            } catch (PayAfterException e) {
                errors.add(new TableError(table, e.getMessage()));
            }
        }
        List<RuleCatalog.Entry> catalog = RuleCatalog.of(source);
        Set<String> unmeasured = rowsOfTablesNotRun(source, errors);
        List<Uncovered> uncovered = new ArrayList<>();
        List<Uncovered> notMeasured = new ArrayList<>();
        for (RuleCatalog.Entry entry : catalog) {
            if (unmeasured.contains(entry.name()) && !fired.contains(entry.name())) {
                notMeasured.add(new Uncovered(entry.name(), entry.file() + ":" + entry.line()));
            } else if (!fired.contains(entry.name())) {
                uncovered.add(new Uncovered(entry.name(), entry.file() + ":" + entry.line()));
            }
        }
        return new Report(results, errors, catalog.size() - notMeasured.size(), uncovered, notMeasured,
                RuleSetLint.unknownReasons(source, rules));
    }

    /**
     * The table rows that only the scenarios of a table that could not run would fire: the rows of that table's
     * decision whose profile cell names the table's profile. They are left out of coverage (not "never fired").
     */
    private static Set<String> rowsOfTablesNotRun(RuleSource source, List<TableError> errors) {
        Set<String> rows = new LinkedHashSet<>();
        for (TableError error : errors) {
            Path parent = error.table().toAbsolutePath().getParent();
            String kind = parent == null ? "" : parent.getFileName().toString();
            String profile = ScenarioTables.profileOf(error.table());
            for (RuleFile file : source.files()) {
                if (!file.type().table() || !file.folder().equals(kind)) {
                    continue;
                }
                DecisionTableModel model;
                try {
                    model = DecisionTableModel.read(file);
                } catch (RuntimeException e) {
                    continue;
                }
                for (DecisionTableModel.Table table : model.tables()) {
                    table.conditions().stream().filter(c -> c.code().strip().matches(
                            "profile(\\s*==\\s*\"?\\$param\"?)?")).findFirst().ifPresent(column -> {
                                for (DecisionTableModel.DataRow row : table.rows()) {
                                    if (row.cell(column.column()).equals(profile)) {
                                        rows.add(file.name() + " row " + row.row());
                                    }
                                }
                            });
                }
            }
        }
        return rows;
    }
}
