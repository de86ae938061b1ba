package dev.payafter.internal;

import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.RuleSetInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link RuleSource} into {@link CompiledRules}, or throws {@link RuleCompilationException} with
 * every problem: file names Drools would skip, DRL packages that do not match their folder, decision tables
 * that do not parse, and every error Drools reports, mapped back to the file (and, for a decision table, the
 * row) it came from. Nothing half-loads.
 */
public final class RuleCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);
    /** Where KieFileSystem builds (the bundled executable model) put rule files. */
    static final String RESOURCES = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+)");
    private static final Pattern GENERATED_RULE = Pattern.compile("(?m)^rule \"(.*)_(\\d+)\"");
    private static final Pattern DAY_COMPARISON = Pattern.compile("\\bday\\s*(?:>=|<=|==|!=|<|>)\\s*\"([^\"]*)\"");
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^[ \\t]*rule\\s+(?:\"([^\"]+)\"|([\\w$]+))");
    private static final Pattern LINE_COLUMN = Pattern.compile("[Ll]ine (\\d+):(\\d+)");

    private RuleCompiler() {
    }

    /** Compiles every rule file of {@code source} under the default {@link RuleAccessPolicy}. */
    public static CompiledRules compile(RuleSource source) {
        return compile(source, RuleAccessPolicy.defaults());
    }

    /**
     * Compiles every rule file of {@code source}; a rule that reaches outside {@code policy} is a problem like a
     * syntax error.
     */
    public static CompiledRules compile(RuleSource source, RuleAccessPolicy policy) {
        long started = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        Map<String, String> profiles = Profiles.read(source, problems);

        // The KnowledgeBuilder API: no KieModule, pom or KieRepository entry per build, so a reload leaves
        // nothing registered behind it and costs less than a KieBuilder build.
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        Map<String, Compiled> bySourcePath = new HashMap<>();
        Map<String, String> ruleHomes = new HashMap<>();
        Set<String> kinds = new TreeSet<>();
        for (RuleFile file : source.files()) {
            if (file.type() != RuleFile.Type.DRL && !file.type().table()) {
                continue;
            }
            if (file.text().isBlank()) {
                problems.add(new RuleProblem(source.shown(file.path()), 0, 0, file.type() == RuleFile.Type.DRL
                        ? "empty: a rule file needs at least its package line"
                        : "empty: a decision table needs a RuleSet, a RuleTable header and rows"));
                continue;
            }
            String drl = file.type() == RuleFile.Type.DRL ? file.text() : tableToDrl(source, file, problems);
            if (drl == null) {
                continue;
            }
            duplicateRuleNames(source, file, drl, ruleHomes, problems);
            if (file.type() == RuleFile.Type.DRL) {
                for (RuleAccessPolicy.Violation v : policy.check(drl)) {
                    problems.add(new RuleProblem(source.shown(file.path()), v.line(), v.column(), v.message()));
                }
            } else {
                TableChecks.check(source, file, drl, policy, problems);
            }
            if (!packageMatchesFolder(source, file, drl, problems) || !datesAreIso(source, file, drl, problems)) {
                continue;
            }
            Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file.path());
            bySourcePath.put(file.path(), new Compiled(file, drl));
            builder.add(resource, ResourceType.DRL);
            kinds.add(file.folder());
        }
        for (KnowledgeBuilderResult result : builder.getResults(ResultSeverity.ERROR, ResultSeverity.WARNING)) {
            if (result.getSeverity() == ResultSeverity.ERROR) {
                problems.add(problemOf(source, result, bySourcePath));
            } else {
                LOG.warn("{}: {}", result.getResource() == null ? "" : result.getResource().getSourcePath(),
                        result.getMessage());
            }
        }
        Map<String, KieBase> bases = new LinkedHashMap<>();
        if (problems.isEmpty() && !kinds.isEmpty()) {
            // One KieBase holds every kind: each kind's rules match only its own fact types, so the others
            // never fire in its sessions.
            KieBase kieBase = builder.newKieBase();
            for (String kind : kinds) {
                bases.put(kind, kieBase);
            }
        }
        if (!problems.isEmpty()) {
            dropEchoes(problems);
            problems.sort(Comparator.comparing((RuleProblem p) -> p.file().toString()).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.root(), problems);
        }
        List<String> ruleNames = bases.values().stream().findFirst().map(RuleCompiler::ruleNames).orElse(List.of());
        RuleSetInfo info = new RuleSetInfo(source.description(), source.version(), "", Instant.EPOCH,
                source.files().stream().filter(f -> f.type().decides()).map(RuleFile::path).toList(),
                List.copyOf(profiles.keySet()), ruleNames);
        LOG.info("compiled rule set {} version {} ({} files, decisions {}) in {} ms", source.description(),
                info.version(), info.files().size(), kinds, (System.nanoTime() - started) / 1_000_000);
        return new CompiledRules(bases, profiles, info);
    }

    /** The profiles of a rule set's profiles.csv (empty when it is missing or unreadable), without compiling. */
    public static List<String> compileProfiles(RuleSource source) {
        return List.copyOf(Profiles.read(source, new ArrayList<>()).keySet());
    }

    private record Compiled(RuleFile file, String drl) {
    }

    /**
     * Two files of one package defining a rule of the same name: Drools reports it against one file only, so the
     * later file is named here with where the first definition is.
     */
    private static void duplicateRuleNames(RuleSource source, RuleFile file, String drl, Map<String, String> homes,
            List<RuleProblem> problems) {
        Matcher matcher = RULE_NAME.matcher(drl);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            int line = (int) drl.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
            String here = file.path() + (file.type().table() ? " row " + tableRow(drl, line) : ":" + line);
            String first = homes.putIfAbsent(file.folder() + "/" + name, here);
            if (first != null && !first.startsWith(file.path() + ":") && !first.startsWith(file.path() + " row")) {
                problems.add(new RuleProblem(source.shown(file.path()), file.type().table() ? tableRow(drl, line) : line,
                        0, "rule \"" + name + "\" is also defined in " + first + "; rule names must be unique"));
            }
        }
    }

    static List<String> ruleNames(KieBase kieBase) {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(r -> r.getName())
                .sorted().toList();
    }

    private static final String NULL_PACKAGE = "Parser returned a null Package";

    /** Drools follows every parse error with a line-less "null Package" one for the same file: keep the real one. */
    private static void dropEchoes(List<RuleProblem> problems) {
        problems.removeIf(p -> p.message().endsWith(NULL_PACKAGE) && problems.stream()
                .anyMatch(other -> other != p && other.file().equals(p.file()) && !other.message().endsWith(NULL_PACKAGE)));
    }

    /**
     * The DRL a decision table compiles to, its rules named {@code <file> row <n>} as the engine names them.
     *
     * @throws RuntimeException if the table does not parse
     */
    public static String tableDrl(RuleFile file) {
        InputType type = file.type() == RuleFile.Type.TABLE_CSV ? InputType.CSV : InputType.XLS;
        String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.bytes()), type);
        return GENERATED_RULE.matcher(drl).replaceAll(m -> Matcher.quoteReplacement(
                "rule \"" + file.name() + " row " + m.group(2) + "\""));
    }

    static String tableToDrl(RuleSource source, RuleFile file, List<RuleProblem> problems) {
        try {
            // "Eligibility policy_14" -> "eligibility-policy.drl.csv row 14": a fired row names its own cell range
            String drl = tableDrl(file);
            if (!drl.contains("rule \"")) {
                problems.add(new RuleProblem(source.shown(file.path()), 0, 0,
                        "decision table has no rule rows (a RuleTable header and at least one row are needed)"));
                return null;
            }
            return drl;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add(new RuleProblem(source.shown(file.path()), 0, 0, "decision table does not parse: " + message));
            return null;
        }
    }

    private static boolean packageMatchesFolder(RuleSource source, RuleFile file, String drl,
            List<RuleProblem> problems) {
        Matcher matcher = PACKAGE.matcher(drl);
        boolean found = matcher.find();
        String declared = found ? matcher.group(1) : "";
        if (declared.equals(file.folder())) {
            return true;
        }
        int line = found ? (int) drl.substring(0, matcher.start(1)).chars().filter(c -> c == '\n').count() + 1 : 0;
        if (file.type().table()) {
            line = 0; // the line is in the generated DRL; the table's RuleSet cell names the package
        }
        String what = file.type() == RuleFile.Type.DRL ? "package" : "RuleSet name";
        problems.add(new RuleProblem(source.shown(file.path()), line, 0,
                what + " is \"" + declared + "\" but must be \"" + file.folder() + "\", the folder the file is in"));
        return false;
    }

    /**
     * Effective dates compare {@code day} with a date as text, which is right only for {@code yyyy-MM-dd}:
     * "2026-4-1" would compare wrongly, so it is refused here with its row or line.
     */
    private static boolean datesAreIso(RuleSource source, RuleFile file, String drl, List<RuleProblem> problems) {
        boolean ok = true;
        Matcher matcher = DAY_COMPARISON.matcher(drl);
        while (matcher.find()) {
            String date = matcher.group(1);
            try {
                java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                int line = (int) drl.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
                boolean table = file.type().table();
                int where = table ? tableRow(drl, line) : line;
                problems.add(new RuleProblem(source.shown(file.path()), where, 0,
                        (table ? "row " + where + ": " : "") + "\"" + date + "\" is not a date like 2026-04-01"));
                ok = false;
            }
        }
        return ok;
    }

    private static RuleProblem problemOf(RuleSource source, KnowledgeBuilderResult result,
            Map<String, Compiled> bySourcePath) {
        String text = result.getMessage() == null ? "" : result.getMessage().strip();
        int[] lines = result.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(0, lines[0]) : 0;
        int column = 0;
        Matcher lc = LINE_COLUMN.matcher(text);
        if (lc.find()) {
            line = line > 0 ? line : Integer.parseInt(lc.group(1));
            column = Integer.parseInt(lc.group(2)) + 1;
        }
        String path = result.getResource() == null ? null : result.getResource().getSourcePath();
        Compiled compiled = path == null ? null : bySourcePath.get(path);
        if (compiled == null) {
            return new RuleProblem(source.shown(path == null ? "(unknown file)" : path), line, column, text);
        }
        if (compiled.file().type().table()) {
            int row = tableRow(compiled.drl(), line);
            return new RuleProblem(source.shown(compiled.file().path()), row, 0,
                    (row > 0 ? "row " + row + ": " : "table header: ") + text);
        }
        return new RuleProblem(source.shown(compiled.file().path()), line, column, text);
    }

    /** The table row a line of generated DRL came from, from the compiler's "rule values at A12" comments. */
    static int tableRow(String drl, int line) {
        String[] lines = drl.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher matcher = TABLE_ROW.matcher(lines[i].strip());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }
}
