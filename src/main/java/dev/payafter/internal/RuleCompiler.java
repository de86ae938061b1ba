package dev.payafter.internal;

import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.RuleSetInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.kie.api.builder.Message;
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
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+)");
    private static final Pattern GENERATED_RULE = Pattern.compile("(?m)^rule \"(.*)_(\\d+)\"");
    private static final Pattern DAY_COMPARISON = Pattern.compile("\\bday\\s*(?:>=|<=|==|!=|<|>)\\s*\"([^\"]*)\"");
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^[ \\t]*rule\\s+(?:\"([^\"]+)\"|([\\w$]+))");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^[ \\t]*global\\s+([\\w.$<>\\[\\], ?]+?)\\s+([\\w$]+)\\s*;?\\s*$");
    private static final Pattern LINE_COLUMN = Pattern.compile("[Ll]ine (\\d+):(\\d+)");

    private RuleCompiler() {
    }

    /** Compiles every rule file of {@code source} under the default {@link RuleAccessPolicy}. */
    public static CompiledRules compile(RuleSource source) {
        return compile(source, RuleAccessPolicy.defaults());
    }

    /**
     * Compiles every rule file of {@code source} to Drools' executable model and checks its bytecode against
     * {@code policy}; a rule that reaches outside it is a problem like a syntax error. The KieBase is made from the
     * checked bytes only.
     */
    public static CompiledRules compile(RuleSource source, RuleAccessPolicy policy) {
        long started = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        Map<String, String> profiles = Profiles.read(source, problems);

        Map<String, Compiled> byBuildPath = new LinkedHashMap<>();
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
            Compiled compiled = new Compiled(file, drl, new Lines(drl));
            duplicateRuleNames(source, compiled, ruleHomes, problems);
            if (file.type().table()) {
                TableChecks.check(source, file, problems);
            }
            if (!packageMatchesFolder(source, compiled, problems) || !globalsAreTheEngines(source, compiled, problems)
                    || !datesAreIso(source, compiled, problems)
                    || !definitionsAreBounded(source, compiled, problems)) {
                continue;
            }
            byBuildPath.put(buildPath(file), compiled);
            kinds.add(file.folder());
        }
        Map<String, KieBase> bases = new LinkedHashMap<>();
        if (!byBuildPath.isEmpty()) {
            Map<String, KieBase> byPackage = buildChecked(source, byBuildPath, policy, problems);
            if (byPackage != null && problems.isEmpty()) {
                for (String kind : kinds) {
                    bases.put(kind, byPackage.get(kind));
                }
            }
        }
        if (!problems.isEmpty()) {
            dropEchoes(problems);
            problems.sort(Comparator.comparing((RuleProblem p) -> p.file().toString()).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.root(), problems);
        }
        List<String> ruleNames = ruleNames(bases.values());
        RuleSetInfo info = new RuleSetInfo(source.description(), source.version(), "", Instant.EPOCH,
                source.files().stream().filter(f -> f.type().decides()).map(RuleFile::path).toList(),
                List.copyOf(profiles.keySet()), ruleNames);
        LOG.info("compiled rule set {} version {} ({} files, decisions {}) in {} ms", source.description(),
                info.version(), info.files().size(), kinds, (System.nanoTime() - started) / 1_000_000);
        return new CompiledRules(bases, profiles, info);
    }

    /** Where a rule file goes in the build: DRL as it is, a decision table as the DRL it becomes. */
    static String buildPath(RuleFile file) {
        return file.type() == RuleFile.Type.DRL ? file.path() : file.path() + ".drl";
    }

    /**
     * Builds the executable model, checks its bytecode and makes the KieBase from it; or adds every problem and
     * returns {@code null}. Compile errors are reported as the classic DRL compiler reports them (file, line and
     * column in the rule file), which it is asked for only when the model build fails.
     */
    private static Map<String, KieBase> buildChecked(RuleSource source, Map<String, Compiled> byBuildPath, RuleAccessPolicy policy,
            List<RuleProblem> problems) {
        Map<String, String> drl = new LinkedHashMap<>();
        byBuildPath.forEach((path, compiled) -> drl.put(path, compiled.drl()));
        ModelBuild.Result result;
        try {
            result = ModelBuild.buildByPackage(drl);
        } catch (RuntimeException | StackOverflowError e) {
            List<RuleProblem> diagnosed = classicDiagnostics(source, byBuildPath);
            problems.addAll(diagnosed.isEmpty() ? List.of(locateThrow(source, byBuildPath, e)) : diagnosed);
            return null;
        }
        if (result.failed()) {
            List<RuleProblem> diagnosed = classicDiagnostics(source, byBuildPath);
            problems.addAll(!diagnosed.isEmpty() ? diagnosed : modelProblems(source, byBuildPath, result.errors()));
            checkTheRest(source, byBuildPath, policy, problems);
            return null;
        }
        refusals(source, byBuildPath, result, policy, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        Map<String, KieBase> kieBases;
        try {
            kieBases = ModelBuild.kieBases(RuleCompiler.class.getClassLoader(), result);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            // the model runs rule code as it loads (an eval without variables is evaluated once, here)
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            LOG.warn("the compiled rules of {} do not load", source.description(), e);
            problems.add(new RuleProblem(source.root(), 0, 0, "the compiled rules do not load: " + bounded(cause.toString())));
            return null;
        }
        for (KieBase kieBase : kieBases.values()) {
            for (String part : ModelBuild.interpretedParts(kieBase)) {
                problems.add(new RuleProblem(source.root(), 0, 0, part + " would be evaluated by MVEL at run time,"
                        + " where its code cannot be checked; write it in plain Java expressions"));
            }
        }
        kieBases.forEach((pkg, kieBase) -> EngineGlobals.check(pkg, kieBase, (name, why) ->
                problems.add(globalProblem(source, byBuildPath, pkg, name, why))));
        return problems.isEmpty() ? kieBases : null;
    }

    private static void refusals(RuleSource source, Map<String, Compiled> byBuildPath, ModelBuild.Result result,
            RuleAccessPolicy policy, List<RuleProblem> problems) {
        List<RuleBytecode.Refusal> refused = new ArrayList<>();
        for (ModelBuild.Result part : result.parts()) {
            if (part.cleanUnder().contains(policy.entries())) {
                continue; // the same bytes, checked under the same allow-list by an earlier build
            }
            List<RuleBytecode.Refusal> found = RuleBytecode.check(part.classes(), policy);
            if (found.isEmpty()) {
                part.cleanUnder().add(policy.entries());
            }
            refused.addAll(found);
        }
        if (refused.isEmpty()) {
            return;
        }
        Homes homes = Homes.of(byBuildPath.values());
        Map<String, RuleBytecode.Origin> origins = RuleBytecode.origins(result.classes(), homes.functionKeys(),
                homes.typeKeys());
        for (RuleBytecode.Refusal refusal : refused) {
            problems.add(homes.problem(source, RuleBytecode.originOf(origins, refusal.className(), refusal.method()),
                    refusal));
        }
    }

    /**
     * After compile errors, the files without any still get the safe-rules check, so that one run reports every
     * problem: they are built without the failing files (when that builds) and their bytecode is checked.
     */
    private static void checkTheRest(RuleSource source, Map<String, Compiled> byBuildPath, RuleAccessPolicy policy,
            List<RuleProblem> problems) {
        Set<Path> failing = new java.util.HashSet<>();
        problems.forEach(p -> failing.add(p.file()));
        Map<String, Compiled> rest = new LinkedHashMap<>();
        byBuildPath.forEach((path, compiled) -> {
            if (!failing.contains(source.shown(compiled.file().path())) && !failing.contains(source.root())) {
                rest.put(path, compiled);
            }
        });
        if (rest.isEmpty() || rest.size() == byBuildPath.size()) {
            return;
        }
        Map<String, String> drl = new LinkedHashMap<>();
        rest.forEach((path, compiled) -> drl.put(path, compiled.drl()));
        try {
            ModelBuild.Result result = ModelBuild.buildByPackage(drl);
            if (!result.failed()) {
                refusals(source, rest, result, policy, problems);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // the rest does not build alone either: its own errors come once the reported ones are fixed
        }
    }

    /** The classic compiler's errors for the same DRL, mapped to the rule files (empty when it finds none). */
    private static List<RuleProblem> classicDiagnostics(RuleSource source, Map<String, Compiled> byBuildPath) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (Map.Entry<String, Compiled> entry : byBuildPath.entrySet()) {
            Resource resource = ResourceFactory.newByteArrayResource(entry.getValue().drl().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(entry.getKey());
            builder.add(resource, ResourceType.DRL);
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (KnowledgeBuilderResult result : builder.getResults(ResultSeverity.ERROR)) {
            int[] lines = result.getLines();
            problems.add(problemAt(source, result.getResource() == null ? null : result.getResource().getSourcePath(),
                    lines != null && lines.length > 0 ? lines[0] : 0, result.getMessage(), byBuildPath));
        }
        return problems;
    }

    /**
     * The executable model's own errors, when the classic compiler finds none. An error in the Java generated from a
     * rule names the generated class, not the rule file: the file is found by building its package without each of its
     * files in turn, and the line is the one of that file that shares the most words with the generated line.
     */
    private static List<RuleProblem> modelProblems(RuleSource source, Map<String, Compiled> byBuildPath,
            List<Message> errors) {
        Map<String, String> generatedSource = new HashMap<>();
        for (Message error : errors) {
            String text = error.getText() == null ? "" : error.getText();
            int in = text.indexOf(" in error:");
            if (text.startsWith("Java source of ") && in > 0) {
                generatedSource.put(error.getPath(), text.substring(in + " in error:".length()).strip());
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Compiled> culprits = new HashMap<>();
        for (Message error : errors) {
            String path = error.getPath();
            String text = error.getText() == null ? "" : error.getText().strip();
            if (path == null || byBuildPath.containsKey(path)) {
                problems.add(problemAt(source, path, error.getLine(), text, byBuildPath));
                continue;
            }
            if (text.startsWith("Java source of ")) {
                continue;
            }
            String generated = path.startsWith("src/main/java/") ? path.substring("src/main/java/".length()) : path;
            String pkg = RuleBytecode.packageOf(generated);
            Compiled culprit = culprits.computeIfAbsent(pkg, k -> culprit(byBuildPath, k));
            if (culprit == null) {
                problems.add(problemAt(source, path, error.getLine(), text, byBuildPath));
                continue;
            }
            String[] lines = generatedSource.getOrDefault(path, "").split("\n", -1);
            String generatedLine = error.getLine() > 0 && error.getLine() <= lines.length ? lines[error.getLine() - 1] : "";
            problems.add(new RuleProblem(source.shown(culprit.file().path()), closestLine(culprit, generatedLine), 0,
                    bounded(text.lines().findFirst().orElse("")) + " (in the Java compiled from this file's rules)"));
        }
        return problems;
    }

    /** The file of package {@code pkg} without which the package builds, or its only file; null if none is. */
    private static Compiled culprit(Map<String, Compiled> byBuildPath, String pkg) {
        Map<String, String> files = new LinkedHashMap<>();
        byBuildPath.forEach((path, compiled) -> {
            if (compiled.file().folder().equals(pkg)) {
                files.put(path, compiled.drl());
            }
        });
        if (files.size() == 1) {
            return byBuildPath.get(files.keySet().iterator().next());
        }
        for (String path : files.keySet()) {
            Map<String, String> others = new LinkedHashMap<>(files);
            others.remove(path);
            try {
                if (!ModelBuild.build(others).failed()) {
                    return byBuildPath.get(path);
                }
            } catch (RuntimeException | StackOverflowError e) {
                // still failing without this file
            }
        }
        return null;
    }

    /** The line of {@code compiled} sharing the most identifiers with a line of generated Java (1 when none does). */
    private static int closestLine(Compiled compiled, String generatedLine) {
        Set<String> words = new java.util.HashSet<>();
        Matcher word = WORD.matcher(generatedLine);
        while (word.find()) {
            words.add(word.group());
        }
        words.removeAll(Set.of("drools", "new", "return", "null", "this", "java", "lang", "util", "String", "Object"));
        int best = 1;
        int bestScore = 0;
        String[] lines = compiled.drl().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int score = 0;
            Matcher m = WORD.matcher(lines[i]);
            while (m.find()) {
                if (words.contains(m.group())) {
                    score++;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = i + 1;
            }
        }
        return best;
    }

    private static final Pattern WORD = Pattern.compile("[$A-Za-z_][$\\w]*");

    private static String bounded(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /**
     * Drools' code generator threw instead of reporting (it does for MVEL it cannot parse): the file is found by
     * building each file alone.
     */
    private static RuleProblem locateThrow(RuleSource source, Map<String, Compiled> byBuildPath, Throwable thrown) {
        String message = thrown instanceof StackOverflowError ? "too deeply nested for the rule compiler"
                : String.valueOf(thrown.getMessage()).lines().findFirst().orElse("").strip();
        message = message.length() > 300 ? message.substring(0, 300) + "..." : message;
        for (Map.Entry<String, Compiled> entry : byBuildPath.entrySet()) {
            try {
                ModelBuild.build(Map.of(entry.getKey(), entry.getValue().drl()));
            } catch (RuntimeException | StackOverflowError e) {
                Compiled compiled = entry.getValue();
                return new RuleProblem(source.shown(compiled.file().path()), 0, 0,
                        "the rule compiler cannot read this file: " + message);
            }
        }
        return new RuleProblem(source.root(), 0, 0, "the rule compiler failed: " + message);
    }

    /** The profiles of a rule set's profiles.csv (empty when it is missing or unreadable), without compiling. */
    public static List<String> compileProfiles(RuleSource source) {
        return List.copyOf(Profiles.read(source, new ArrayList<>()).keySet());
    }

    private record Compiled(RuleFile file, String drl, Lines lines) {
    }

    /** Line numbers of offsets in a text, found in log time (a rule file can be megabytes). */
    static final class Lines {
        private final int[] starts;

        Lines(String text) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
        }

        /** The 1-based line of {@code offset}. */
        int lineOf(int offset) {
            int found = java.util.Arrays.binarySearch(starts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }

        int count() {
            return starts.length;
        }

        int start(int line) {
            return starts[line - 1];
        }
    }

    /**
     * Where each rule, function and declared type of the build is defined (file and line), to report a bytecode
     * refusal at the rule file: a DRL line and column, or a decision table's cell.
     */
    private record Homes(Map<String, Home> byKey, Map<String, Compiled> firstOfPackage, Map<String, Integer> cursors,
            Map<String, Optional<DecisionTableModel>> tables) {
        private static final Pattern FUNCTION = Pattern.compile(
                "(?m)^[ \\t]*function\\s+[\\w.$<>\\[\\], ?]+?\\s+([\\w$]+)\\s*\\(");
        private static final Pattern DECLARE = Pattern.compile("(?m)^[ \\t]*declare\\s+(?:trait\\s+)?([A-Za-z_$][\\w$]*)");
        private static final Pattern STARTS = Pattern.compile("(?m)^[ \\t]*(?:rule|function|declare|query|end)\\b");

        record Home(Compiled compiled, int line) {
        }

        static Homes of(java.util.Collection<Compiled> files) {
            Map<String, Home> byKey = new HashMap<>();
            Map<String, Compiled> first = new HashMap<>();
            for (Compiled compiled : files) {
                String pkg = compiled.file().folder();
                first.putIfAbsent(pkg, compiled);
                Matcher rule = RULE_NAME.matcher(compiled.drl());
                while (rule.find()) {
                    String name = rule.group(1) != null ? rule.group(1) : rule.group(2);
                    byKey.putIfAbsent("rule:" + pkg + "/" + name, new Home(compiled, compiled.lines().lineOf(rule.start())));
                }
                Matcher function = FUNCTION.matcher(compiled.drl());
                while (function.find()) {
                    byKey.putIfAbsent("function:" + pkg + "/" + function.group(1),
                            new Home(compiled, compiled.lines().lineOf(function.start(1))));
                }
                Matcher type = DECLARE.matcher(compiled.drl());
                while (type.find()) {
                    byKey.putIfAbsent("type:" + pkg + "/" + type.group(1),
                            new Home(compiled, compiled.lines().lineOf(type.start(1))));
                }
            }
            return new Homes(byKey, first, new HashMap<>(), new HashMap<>());
        }

        Set<String> functionKeys() {
            return keys("function:");
        }

        Set<String> typeKeys() {
            return keys("type:");
        }

        private Set<String> keys(String kind) {
            Set<String> keys = new java.util.HashSet<>();
            for (String key : byKey.keySet()) {
                if (key.startsWith(kind)) {
                    keys.add(key.substring(kind.length()));
                }
            }
            return keys;
        }

        RuleProblem problem(RuleSource source, RuleBytecode.Origin origin, RuleBytecode.Refusal refusal) {
            String pkg = RuleBytecode.packageOf(refusal.className());
            Home home = origin == null ? null : byKey.get(origin.kind() + ":" + origin.pkg() + "/" + origin.name());
            if (home == null) {
                Compiled any = firstOfPackage.get(pkg);
                String message = refusal.message() + " (in the compiled rules of package " + pkg + ")";
                return any == null ? new RuleProblem(source.root(), 0, 0, message)
                        : new RuleProblem(source.shown(any.file().path()), 0, 0, message);
            }
            String message = refusal.message() + " (" + origin.kind() + " \"" + origin.name() + "\")";
            Compiled compiled = home.compiled();
            if (compiled.file().type().table()) {
                int row = tableRow(compiled.drl(), home.line());
                String token = refusal.what().contains(".") ? ownerWord(refusal.what()) : refusal.token();
                // read once per table, however many of its cells are refused
                DecisionTableModel model = tables.computeIfAbsent(compiled.file().path(),
                        k -> Optional.ofNullable(TableChecks.model(compiled.file()))).orElse(null);
                RuleProblem atOwner = TableChecks.atCell(source, compiled.file(), model, row, token, message);
                return atOwner.column() > 0 ? atOwner
                        : TableChecks.atCell(source, compiled.file(), model, row, refusal.token(), message);
            }
            // the same use refused again in one definition is found after the previous one
            String cursor = origin + "|" + refusal.what();
            int[] at = find(compiled, home.line(), cursors.getOrDefault(cursor, 0), ownerWord(refusal.what()),
                    refusal.token());
            cursors.put(cursor, at[2]);
            return new RuleProblem(source.shown(compiled.file().path()), at[0], at[1], message);
        }

        /** Whether {@code at} is inside a "..." literal of the line starting at {@code lineStart}. */
        private static boolean insideString(String text, int lineStart, int at) {
            boolean inside = false;
            for (int i = lineStart; i < at; i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inside = !inside;
                }
            }
            return inside;
        }

        /** The simple class name in {@code java.lang.System.exit} or {@code new java.lang.Thread}: System, Thread. */
        private static String ownerWord(String what) {
            String qualified = what.startsWith("new ") ? what.substring(4) : what;
            int member = qualified.indexOf("::");
            if (member >= 0) {
                qualified = qualified.substring(0, member);
            } else if (!what.startsWith("new ") && qualified.lastIndexOf('.') > 0) {
                qualified = qualified.substring(0, qualified.lastIndexOf('.'));
            }
            String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
            return simple.substring(simple.lastIndexOf('$') + 1);
        }

        /**
         * The line and column where {@code owner} (else {@code member}) stands as a word in the definition that
         * starts at {@code from}, after offset {@code after}; the definition's own line when neither does. The third
         * value is where the search may go on for the next use of the same kind.
         */
        private static int[] find(Compiled compiled, int from, int after, String owner, String member) {
            Lines lines = compiled.lines();
            String drl = compiled.drl();
            int last = lines.count();
            Matcher next = STARTS.matcher(drl);
            if (from < last && next.find(lines.start(from + 1))) {
                last = lines.lineOf(next.start());
            }
            for (String word : new String[] {owner, member}) {
                Pattern pattern = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
                int end = last < lines.count() ? lines.start(last + 1) : drl.length();
                Matcher m = pattern.matcher(drl).region(Math.max(lines.start(from), Math.min(after, end)), end);
                int[] inString = null; // a word in a literal, unless one outside is found (text blocks span lines)
                while (m.find()) {
                    int line = lines.lineOf(m.start());
                    int[] at = {line, m.start() - lines.start(line) + 1, m.end()};
                    if (!insideString(drl, lines.start(line), m.start())) {
                        return at;
                    }
                    inString = inString == null ? at : inString;
                }
                if (inString != null) {
                    return inString;
                }
            }
            return new int[] {from, 0, after};
        }
    }

    /**
     * Two files of one package defining a rule of the same name: Drools reports it against one file only, so the
     * later file is named here with where the first definition is.
     */
    private static void duplicateRuleNames(RuleSource source, Compiled compiled, Map<String, String> homes,
            List<RuleProblem> problems) {
        RuleFile file = compiled.file();
        String drl = compiled.drl();
        Matcher matcher = RULE_NAME.matcher(drl);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            int line = compiled.lines().lineOf(matcher.start());
            String here = file.path() + (file.type().table() ? " row " + tableRow(drl, line) : ":" + line);
            String first = homes.putIfAbsent(file.folder() + "/" + name, here);
            if (first != null && !first.startsWith(file.path() + ":") && !first.startsWith(file.path() + " row")) {
                problems.add(new RuleProblem(source.shown(file.path()), file.type().table() ? tableRow(drl, line) : line,
                        0, "rule \"" + name + "\" is also defined in " + first + "; rule names must be unique"));
            }
        }
    }

    static List<String> ruleNames(java.util.Collection<KieBase> kieBases) {
        return kieBases.stream().distinct().flatMap(k -> k.getKiePackages().stream()).flatMap(p -> p.getRules().stream())
                .map(r -> r.getName()).sorted().toList();
    }

    /**
     * Whether every global the file declares is one the engine sets for its folder ({@link EngineGlobals}), with the
     * engine's type written as its full name or as the simple name of an import of it; else adds a problem for each.
     * The KieBase's globals are checked again once built.
     */
    private static boolean globalsAreTheEngines(RuleSource source, Compiled compiled, List<RuleProblem> problems) {
        Map<String, Class<?>> allowed = EngineGlobals.of(compiled.file().folder());
        boolean ok = true;
        Matcher matcher = GLOBAL.matcher(compiled.drl());
        while (matcher.find()) {
            String type = matcher.group(1).strip();
            String name = matcher.group(2);
            Class<?> engine = allowed.get(name);
            String why = null;
            if (engine == null) {
                why = EngineGlobals.notTheEngines(compiled.file().folder());
            } else if (!type.equals(engine.getName()) && !(type.equals(engine.getSimpleName())
                    && Pattern.compile("(?m)^[ \\t]*import\\s+" + Pattern.quote(engine.getName()) + "\\s*;?\\s*$")
                            .matcher(compiled.drl()).find())) {
                why = "is declared as " + type + "; the engine sets it to a " + engine.getName();
            }
            if (why != null) {
                problems.add(new RuleProblem(source.shown(compiled.file().path()),
                        compiled.lines().lineOf(matcher.start()), 0, "global \"" + Checks.escaped(name) + "\" " + why));
                ok = false;
            }
        }
        return ok;
    }

    /** A global the engine does not set, at the line of the rule file that declares it. */
    private static RuleProblem globalProblem(RuleSource source, Map<String, Compiled> byBuildPath, String pkg,
            String name, String why) {
        for (Compiled compiled : byBuildPath.values()) {
            if (compiled.file().folder().equals(pkg)) {
                Matcher matcher = GLOBAL.matcher(compiled.drl());
                while (matcher.find()) {
                    if (matcher.group(2).equals(name)) {
                        return new RuleProblem(source.shown(compiled.file().path()),
                                compiled.lines().lineOf(matcher.start()), 0, "global \"" + name + "\" " + why);
                    }
                }
            }
        }
        return new RuleProblem(source.root(), 0, 0, "global \"" + name + "\" of package " + pkg + " " + why);
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

    private static boolean packageMatchesFolder(RuleSource source, Compiled compiled, List<RuleProblem> problems) {
        RuleFile file = compiled.file();
        String drl = compiled.drl();
        Matcher matcher = PACKAGE.matcher(drl);
        boolean found = matcher.find();
        String declared = found ? matcher.group(1) : "";
        if (declared.equals(file.folder())) {
            return true;
        }
        int line = found ? compiled.lines().lineOf(matcher.start(1)) : 0;
        if (file.type().table()) {
            line = 0; // the line is in the generated DRL; the table's RuleSet cell names the package
        }
        String what = file.type() == RuleFile.Type.DRL ? "package" : "RuleSet name";
        problems.add(new RuleProblem(source.shown(file.path()), line, 0,
                what + " is \"" + declared + "\" but must be \"" + file.folder() + "\", the folder the file is in"));
        return false;
    }

    /** The most lines one rule, function or query may have: the rule compiler's time grows faster than its size. */
    static final int MAX_DEFINITION_LINES = 500;
    /** The most characters one rule, function or query may have. */
    static final int MAX_DEFINITION_CHARS = 32 * 1024;
    /** The most rules, functions and queries in one file (a table: its rows, bounded to 5,000 as well). */
    static final int MAX_DEFINITIONS = 5_000;
    private static final Pattern DEFINITION = Pattern.compile("(?m)^[ \\t]*(rule|function|query|declare|end)\\b");

    /**
     * Refuses a rule, function or query over {@link #MAX_DEFINITION_LINES} lines or {@link #MAX_DEFINITION_CHARS}
     * characters, and a file of over {@link #MAX_DEFINITIONS} of them, before the compiler sees it (a 4 MiB
     * consequence kept the compiler busy for over ten minutes; 2,000 small rules take about 15 s). One pass.
     */
    private static boolean definitionsAreBounded(RuleSource source, Compiled compiled, List<RuleProblem> problems) {
        boolean ok = true;
        Matcher m = DEFINITION.matcher(compiled.drl());
        int start = -1;
        String kind = null;
        int count = 0;
        while (true) {
            boolean found = m.find();
            int here = found ? m.start() : compiled.drl().length();
            if (start >= 0) {
                int lines = compiled.lines().lineOf(here) - compiled.lines().lineOf(start);
                if (lines > MAX_DEFINITION_LINES || here - start > MAX_DEFINITION_CHARS) {
                    boolean table = compiled.file().type().table();
                    int line = compiled.lines().lineOf(start);
                    int where = table ? tableRow(compiled.drl(), line) : line;
                    problems.add(new RuleProblem(source.shown(compiled.file().path()), where, 0, (table ? "row " + where
                            + ": " : "") + "this " + kind + " is " + lines + " lines (" + (here - start)
                            + " characters) long; at most " + MAX_DEFINITION_LINES + " lines and " + MAX_DEFINITION_CHARS
                            + " characters per rule, function or query: split it"));
                    ok = false;
                }
            }
            if (!found) {
                return ok;
            }
            String word = m.group(1);
            if (word.equals("end") || word.equals("declare")) {
                start = -1;
            } else {
                start = m.start();
                kind = word;
                if (++count > MAX_DEFINITIONS) {
                    problems.add(new RuleProblem(source.shown(compiled.file().path()), compiled.lines().lineOf(start), 0,
                            "more than " + MAX_DEFINITIONS + " rules, functions and queries in one file: split it"));
                    return false;
                }
            }
        }
    }

    /**
     * Effective dates compare {@code day} with a date as text, which is right only for {@code yyyy-MM-dd}:
     * "2026-4-1" would compare wrongly, so it is refused here with its row or line.
     */
    private static boolean datesAreIso(RuleSource source, Compiled compiled, List<RuleProblem> problems) {
        RuleFile file = compiled.file();
        String drl = compiled.drl();
        boolean ok = true;
        Matcher matcher = DAY_COMPARISON.matcher(drl);
        while (matcher.find()) {
            String date = matcher.group(1);
            try {
                java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                int line = compiled.lines().lineOf(matcher.start());
                boolean table = file.type().table();
                int where = table ? tableRow(drl, line) : line;
                problems.add(new RuleProblem(source.shown(file.path()), where, 0,
                        (table ? "row " + where + ": " : "") + "\"" + date + "\" is not a date like 2026-04-01"));
                ok = false;
            }
        }
        return ok;
    }

    /**
     * A compiler error at the rule file it names: {@code path} is the file's build path, {@code line} the line in its
     * DRL (0 when unknown; then the message's "Line 9:4" is used), a decision table's line becomes its row.
     */
    private static RuleProblem problemAt(RuleSource source, String path, int line, String message,
            Map<String, Compiled> byBuildPath) {
        String text = message == null ? "" : message.strip();
        line = Math.max(0, line);
        int column = 0;
        Matcher lc = LINE_COLUMN.matcher(text);
        if (lc.find()) {
            line = line > 0 ? line : Integer.parseInt(lc.group(1));
            column = Integer.parseInt(lc.group(2)) + 1;
        }
        Compiled compiled = path == null ? null : byBuildPath.get(path);
        if (compiled == null) {
            // generated Java that did not compile: the first lines say what; the rule set is all that can be named
            String shortText = text.lines().limit(3).reduce((a, b) -> a + " " + b).orElse("");
            return new RuleProblem(source.root(), 0, 0, "the compiled rules do not compile: "
                    + (shortText.length() > 300 ? shortText.substring(0, 300) + "..." : shortText));
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
