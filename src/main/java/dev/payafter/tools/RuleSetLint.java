package dev.payafter.tools;

import dev.payafter.internal.Checks;
import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import dev.payafter.internal.TableCells;
import dev.payafter.scenarios.ScenarioTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks {@code validate} makes across files: a profile with rows for some decisions and not others, reason
 * codes a scenario expects that no rule can give, and which compile error is an echo of a cell already reported.
 */
final class RuleSetLint {
    /** The reason codes the engine itself gives, whatever the rules say (a fault, no rule decided, ...). */
    static final Set<String> ENGINE_CODES = Set.of("NOT_APPROVED", "NO_RULE_DECIDED", "CONFLICTING_RULES",
            "NO_CHARGE_AMOUNT", "RULE_ERROR", "RULE_FIRE_LIMIT", "RULE_TIME_BUDGET");
    private static final Pattern CODE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"");

    private RuleSetLint() {
    }

    /** The finding code of a compile problem, from what it says. */
    static String codeOf(String message) {
        if (message.contains("allow-list") || message.contains("rules may not use it")) {
            return "UNSAFE";
        }
        if (message.contains("\" is blank in row ")) {
            return "BLANK_CELL";
        }
        if (message.contains("merges cells only in CSV")) {
            return "WORKBOOK_MERGE";
        }
        if (message.contains("is not in profiles.csv; did you mean")) {
            return "PROFILE_TYPO";
        }
        if (message.matches("(?s)(?:[^!]+![A-Z]+\\d+: )?[^\"]*: \".*\" (expects (a whole number|a number like"
                + " 300.00|true or false)|is not one of .*)")) {
            return "CELL_TYPE";
        }
        return "COMPILE";
    }

    /**
     * Profiles that have rows in some decisions' tables and none in another's, unless that decision's table names
     * them in a {@code NotOffered} header row. Only rows that name a profile count: a row with a blank profile (a
     * default for every profile, like the retry schedule's) does not make up for a profile's missing policy row.
     */
    static List<Finding> profileGaps(List<DecisionTableModel> models, List<String> profiles) {
        Map<String, Set<String>> withRows = new TreeMap<>();
        Map<String, Set<String>> notOffered = new TreeMap<>();
        Map<String, DecisionTableModel> firstTable = new TreeMap<>();
        for (DecisionTableModel model : models) {
            String kind = kindOf(model.file());
            if (!firstTable.containsKey(kind) || model.keyword("NotOffered") != null
                    && firstTable.get(kind).keyword("NotOffered") == null) {
                firstTable.put(kind, model); // the gap is reported where NotOffered is written, if anywhere
            }
            Set<String> rows = withRows.computeIfAbsent(kind, k -> new TreeSet<>());
            notOffered.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(model.notOffered());
            for (DecisionTableModel.Table table : model.tables()) {
                DecisionTableModel.Column profileColumn = table.conditions().stream()
                        .filter(c -> c.code().strip().matches("profile(\\s*==\\s*\"?\\$param\"?)?")).findFirst()
                        .orElse(null);
                for (DecisionTableModel.DataRow row : table.rows()) {
                    String profile = profileColumn == null ? "" : row.cell(profileColumn.column());
                    if (!profile.isEmpty()) {
                        rows.add(profile);
                    }
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (String profile : profiles) {
            List<String> has = withRows.entrySet().stream().filter(e -> e.getValue().contains(profile))
                    .map(Map.Entry::getKey).toList();
            if (has.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Set<String>> kind : withRows.entrySet()) {
                if (kind.getValue().contains(profile) || notOffered.get(kind.getKey()).contains(profile)) {
                    continue;
                }
                DecisionTableModel at = firstTable.get(kind.getKey());
                int row = at.tables().isEmpty() ? 1 : at.tables().get(0).headerRow();
                findings.add(new Finding(Finding.ERROR, "PROFILE_GAP", at.cellRef(row, 0), at.file(), row, 1,
                        "profile \"" + profile + "\" has rows for " + String.join(" and ", has) + " but none for "
                                + kind.getKey() + ", so the engine refuses every " + profile + " " + kind.getKey()
                                + " request: add its rows (a typo in its profile cell?), or, if " + profile + " does"
                                + " not offer " + kind.getKey() + " on purpose, name it in a header row"
                                + " \"NotOffered," + profile + "\" of " + at.file()));
            }
        }
        return findings;
    }

    private static String kindOf(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** The reason codes each decision's rules can give: the code literals of its DRL files, and the engine's own. */
    static Map<String, Set<String>> producible(RuleSource source) {
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        for (RuleFile file : source.files()) {
            if (file.type() != RuleFile.Type.DRL) {
                continue;
            }
            Set<String> kind = codes.computeIfAbsent(file.folder(), k -> new TreeSet<>(ENGINE_CODES));
            Matcher m = CODE_LITERAL.matcher(file.text());
            while (m.find()) {
                kind.add(m.group(1));
            }
        }
        return codes;
    }

    /** Every reason code a scenario table expects that no rule of its decision can give, with "did you mean". */
    static List<Finding> unknownReasons(RuleSource source, Path rules) {
        Map<String, Set<String>> producible = producible(source);
        List<Finding> findings = new ArrayList<>();
        for (Path table : ScenarioTables.find(rules)) {
            String kind = table.toAbsolutePath().getParent().getFileName().toString();
            Set<String> known = producible.getOrDefault(kind, Set.of());
            List<ScenarioTables.ExpectedReason> expected;
            try {
                expected = ScenarioTables.expectedReasons(table);
            } catch (RuntimeException e) {
                continue; // test reports a table it cannot read
            }
            String file = relative(rules, table);
            for (ScenarioTables.ExpectedReason reason : expected) {
                if (known.contains(reason.code())) {
                    continue;
                }
                String near = TableCells.closest(reason.code(), known);
                findings.add(new Finding(Finding.ERROR, "UNKNOWN_REASON", file + reason.where(), file, reason.line(),
                        reason.column(), "expected reason \"" + Checks.shown(reason.code()) + "\" is not a code any "
                        + kind + " rule gives" + (near == null ? "" : "; did you mean " + near + "?")
                        + " The scenario can never pass"));
            }
        }
        return findings;
    }

    private static String relative(Path rules, Path table) {
        Path shown = table.startsWith(rules) ? rules.relativize(table) : table;
        return shown.toString().replace('\\', '/');
    }

    /**
     * The findings without the compiler's echoes: a Drools error on a table row where the engine's own check
     * already refused a cell, every Drools error of a workbook whose {@code ...} cells break each row, and the
     * "never matches" warning of a row whose profile is a typo already refused.
     */
    static List<Finding> withoutEchoes(List<Finding> findings) {
        Set<String> cellRows = new TreeSet<>();
        Set<String> mergeFiles = new TreeSet<>();
        Set<String> cellFiles = new TreeSet<>();
        for (Finding f : findings) {
            switch (f.code()) {
                case "BLANK_CELL", "CELL_TYPE", "PROFILE_TYPO" -> {
                    cellRows.add(f.file() + "#" + f.line());
                    cellFiles.add(f.file());
                }
                case "WORKBOOK_MERGE" -> mergeFiles.add(f.file());
                default -> {
                }
            }
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            boolean echo = false;
            if (f.code().equals("COMPILE") && f.line() > 0 && !f.message().contains("is not a date like")) {
                echo = cellRows.contains(f.file() + "#" + f.line()) || mergeFiles.contains(f.file());
            } else if (f.code().equals("COMPILE") && f.line() <= 0 && f.message().startsWith("table header: ")
                    && (cellFiles.contains(f.file()) || mergeFiles.contains(f.file()))) {
                echo = true; // a condition the compiler could not analyse because of a cell already refused
            } else if (f.code().equals("COMPILE") && f.message().startsWith("the compiled rules do not compile")
                    && !(cellRows.isEmpty() && mergeFiles.isEmpty())) {
                echo = true; // the generated Java of a cell already refused
            } else if (f.code().equals("UNREACHABLE") && cellRows.contains(f.file() + "#" + f.line())) {
                echo = true;
            }
            if (!echo) {
                kept.add(f);
            }
        }
        return kept;
    }
}
