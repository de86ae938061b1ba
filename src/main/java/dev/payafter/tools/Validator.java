package dev.payafter.tools;

import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.internal.CompiledRules;
import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.LiveRules;
import dev.payafter.internal.RuleAccessPolicy;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import dev.payafter.internal.TableGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code validate}: compiles a rule set exactly as the engine does (safe-rules policy included) and lints it:
 * overlapping, unreachable and missing table rows, rule names used in more than one file, profiles with rows for
 * some decisions and not others ({@code PROFILE_GAP}), and reason codes scenario tables expect that no rule can give
 * ({@code UNKNOWN_REASON}). A table's compile errors are shown at their cell with what to do: the engine's own
 * table checks ({@code BLANK_CELL}, {@code CELL_TYPE}, {@code WORKBOOK_MERGE}, {@code PROFILE_TYPO}) replace the
 * compiler's echo of the same cell.
 */
public final class Validator {
    private static final Pattern SHEET_CELL = Pattern.compile("^([^!]+![A-Z]+\\d+): (.*)$", Pattern.DOTALL);
    private static final Pattern TABLE_ROW = Pattern.compile("^row (\\d+): (.*)$", Pattern.DOTALL);

    private Validator() {
    }

    /**
     * What validate found.
     *
     * @param rules the rule set's directory
     * @param version the rule-set version when it compiled, or null
     * @param files how many rule files it has
     * @param profiles its profiles (empty when profiles.csv is unreadable)
     * @param findings everything found, in file and line order
     */
    public record Report(Path rules, String version, int files, List<String> profiles, List<Finding> findings) {
        public Report {
            profiles = List.copyOf(profiles);
            findings = List.copyOf(findings);
        }

        /** The findings that count as problems (errors and warnings). */
        public long problems() {
            return findings.stream().filter(Finding::problem).count();
        }

        public long errors() {
            return findings.stream().filter(f -> f.severity().equals(Finding.ERROR)).count();
        }
    }

    /**
     * Validates the rule set in {@code rules}.
     *
     * @param allowed extra allow-list entries for the safe-rules policy (as a host would pass them)
     * @throws dev.payafter.PayAfterException if {@code rules} is not a directory
     */
    public static Report validate(Path rules, List<String> allowed) {
        RuleSource source = RuleSource.fromDirectory(rules);
        List<Finding> findings = new ArrayList<>();
        String version = null;
        List<String> profiles = new ArrayList<>();
        List<DecisionTableModel> models = new ArrayList<>();
        try {
            RuleAccessPolicy policy = RuleAccessPolicy.defaults().allowing(allowed);
            CompiledRules compiled = LiveRules.compileContained(s -> RuleCompiler.compile(s, policy), source);
            version = compiled.info().version();
            profiles.addAll(compiled.info().profiles());
        } catch (RuleCompilationException e) {
            for (RuleProblem problem : e.problems()) {
                findings.add(finding(source, problem));
            }
            profiles.addAll(profilesOf(source));
        }
        for (RuleFile file : source.files()) {
            if (!file.type().table()) {
                continue;
            }
            DecisionTableModel model;
            try {
                model = DecisionTableModel.read(file);
            } catch (RuntimeException e) {
                continue; // reported by the compiler
            }
            findings.addAll(TableLinter.lint(model, profiles));
            models.add(model);
        }
        findings.addAll(RuleSetLint.profileGaps(models, profiles));
        findings.addAll(RuleSetLint.unknownReasons(source, rules));
        findings.addAll(duplicateNames(RuleCatalog.of(source)));
        findings = RuleSetLint.withoutEchoes(findings);
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column));
        int files = (int) source.files().stream().filter(f -> f.type().decides()).count();
        return new Report(rules, version, files, profiles, findings);
    }

    private static List<String> profilesOf(RuleSource source) {
        try {
            return RuleCompiler.compileProfiles(source);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static List<Finding> duplicateNames(List<RuleCatalog.Entry> entries) {
        Map<String, List<RuleCatalog.Entry>> byName = new LinkedHashMap<>();
        for (RuleCatalog.Entry entry : entries) {
            byName.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<RuleCatalog.Entry>> e : byName.entrySet()) {
            List<RuleCatalog.Entry> same = e.getValue();
            if (same.stream().map(RuleCatalog.Entry::file).distinct().count() < 2) {
                continue;
            }
            boolean samePackage = same.stream().map(RuleCatalog.Entry::pkg).distinct().count() < same.size();
            RuleCatalog.Entry later = same.get(same.size() - 1);
            List<String> places = same.stream().map(x -> x.file() + ":" + x.line()).toList();
            findings.add(new Finding(samePackage ? Finding.ERROR : Finding.WARNING, "DUPLICATE_RULE_NAME",
                    later.file() + ":" + later.line(), later.file(), later.line(), 0, "rule \"" + e.getKey()
                    + "\" is defined in " + String.join(" and ", places) + (samePackage
                    ? ": Drools refuses two rules of one name in one package"
                    : ": decisions name fired rules by name only, so traces, coverage and explain cannot tell them"
                    + " apart; rename one")));
        }
        return findings;
    }

    /** A compile problem as a finding, with a table cell's reference where the problem names one. */
    private static Finding finding(RuleSource source, RuleProblem problem) {
        String file = relative(source, problem.file());
        String message = problem.message();
        String code = RuleSetLint.codeOf(message);
        String where;
        Matcher sheetCell = SHEET_CELL.matcher(message);
        Matcher tableRow = TABLE_ROW.matcher(message);
        if (sheetCell.matches()) {
            where = file + "!" + sheetCell.group(1);
            message = sheetCell.group(2);
        } else if (isWorkbook(file) && problem.line() > 0) {
            where = file + "!" + firstSheet(source, file) + "!row " + problem.line();
            message = tableRow.matches() ? tableRow.group(2) : message;
        } else {
            where = file + (problem.line() > 0 ? ":" + problem.line() + (problem.column() > 0 ? ":" + problem.column()
                    : "") : "");
            if (tableRow.matches()) {
                message = tableRow.group(2);
            }
        }
        return new Finding(Finding.ERROR, code, where, file, problem.line(), problem.column(), message);
    }

    private static boolean isWorkbook(String file) {
        return file.endsWith(".xlsx") || file.endsWith(".xls");
    }

    private static String firstSheet(RuleSource source, String file) {
        for (RuleFile f : source.files()) {
            if (f.path().equals(file)) {
                try {
                    return TableGrid.read(f).get(0).sheet();
                } catch (RuntimeException e) {
                    return "Sheet1";
                }
            }
        }
        return "Sheet1";
    }

    private static String relative(RuleSource source, Path file) {
        Path root = source.root();
        Path shown = file.isAbsolute() == root.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }
}
