package dev.payafter.internal;

import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.RuleSetInfo;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
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
    static final String RESOURCES = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+)");
    private static final Pattern GENERATED_RULE = Pattern.compile("(?m)^rule \"(.*)_(\\d+)\"");
    private static final Pattern LINE_COLUMN = Pattern.compile("[Ll]ine (\\d+):(\\d+)");

    private RuleCompiler() {
    }

    /** Compiles every rule file of {@code source}. */
    public static CompiledRules compile(RuleSource source) {
        long started = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        Map<String, String> profiles = Profiles.read(source, problems);

        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        Map<String, Compiled> byKiePath = new HashMap<>();
        Set<String> kinds = new TreeSet<>();
        for (RuleFile file : source.files()) {
            if (file.type() != RuleFile.Type.DRL && !file.type().table()) {
                continue;
            }
            String drl = file.type() == RuleFile.Type.DRL ? file.text() : tableToDrl(source, file, problems);
            if (drl == null) {
                continue;
            }
            if (!packageMatchesFolder(source, file, drl, problems)) {
                continue;
            }
            String kiePath = RESOURCES + file.path() + (file.type() == RuleFile.Type.DRL ? "" : ".drl");
            kfs.write(kiePath, drl);
            byKiePath.put(kiePath.substring(RESOURCES.length()), new Compiled(file, drl));
            kinds.add(file.folder());
        }

        ReleaseId releaseId = ks.newReleaseId("dev.payafter.rules", "rules-" + UUID.randomUUID(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);

        Map<String, KieBase> bases = new LinkedHashMap<>();
        if (!kinds.isEmpty()) {
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
            for (Message message : builder.getResults().getMessages()) {
                if (message.getLevel() == Message.Level.ERROR) {
                    problems.add(problemOf(source, message, byKiePath));
                } else if (message.getLevel() == Message.Level.WARNING) {
                    LOG.warn("{}: {}", message.getPath(), message.getText());
                }
            }
            if (problems.isEmpty()) {
                // One KieBase holds every kind: each kind's rules match only its own fact types, so the others
                // never fire in its sessions. (Per-kind KieBases need kmodule.xml, which needs drools-xml-support.)
                KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
                for (String kind : kinds) {
                    bases.put(kind, kieBase);
                }
                ks.getRepository().removeKieModule(releaseId);
            }
        }
        if (!problems.isEmpty()) {
            dropEchoes(problems);
            problems.sort(Comparator.comparing((RuleProblem p) -> p.file().toString()).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.root(), problems);
        }
        RuleSetInfo info = new RuleSetInfo(source.description(), source.version(),
                source.files().stream().filter(f -> f.type().decides()).map(RuleFile::path).toList(),
                List.copyOf(profiles.keySet()));
        LOG.info("compiled rule set {} version {} ({} files, decisions {}) in {} ms", source.description(),
                info.version(), info.files().size(), kinds, (System.nanoTime() - started) / 1_000_000);
        return new CompiledRules(bases, profiles, info);
    }

    private record Compiled(RuleFile file, String drl) {
    }

    private static final String NULL_PACKAGE = "Parser returned a null Package";

    /** Drools follows every parse error with a line-less "null Package" one for the same file: keep the real one. */
    private static void dropEchoes(List<RuleProblem> problems) {
        problems.removeIf(p -> p.message().equals(NULL_PACKAGE) && problems.stream()
                .anyMatch(other -> other != p && other.file().equals(p.file()) && !other.message().equals(NULL_PACKAGE)));
    }

    static String tableToDrl(RuleSource source, RuleFile file, List<RuleProblem> problems) {
        InputType type = file.type() == RuleFile.Type.TABLE_CSV ? InputType.CSV : InputType.XLS;
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.bytes()), type);
            // "Eligibility policy_14" -> "eligibility-policy.drl.csv row 14": a fired row names its own cell range
            drl = GENERATED_RULE.matcher(drl).replaceAll(m -> Matcher.quoteReplacement(
                    "rule \"" + file.name() + " row " + m.group(2) + "\""));
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

    private static RuleProblem problemOf(RuleSource source, Message message, Map<String, Compiled> byKiePath) {
        String text = message.getText() == null ? "" : message.getText().strip();
        int line = Math.max(0, message.getLine());
        int column = Math.max(0, message.getColumn());
        Matcher lc = LINE_COLUMN.matcher(text);
        if (lc.find()) {
            line = line > 0 ? line : Integer.parseInt(lc.group(1));
            column = column > 0 ? column : Integer.parseInt(lc.group(2)) + 1;
        }
        String kiePath = message.getPath() == null ? null : message.getPath().replace(RESOURCES, "");
        Compiled compiled = kiePath == null ? null : byKiePath.get(kiePath);
        if (compiled == null) {
            return new RuleProblem(source.shown(kiePath == null ? "(unknown file)" : kiePath), line, column, text);
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
