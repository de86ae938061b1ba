package dev.payafter.internal;

import dev.payafter.RuleProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Build step (run by Maven in {@code process-test-classes}, see the pom): compiles {@code rules/} to Drools'
 * executable model, checks its bytecode as every rule set is checked ({@link RuleBytecode}), and writes its classes into the library's class folder as resources under
 * {@link BundledModel#ROOT}, with the index {@link BundledModel} checks at run time. The DRL is made exactly as
 * {@link RuleCompiler} makes it (decision-table rows renamed after their file and row), so the rules, their names and
 * the decisions are the same; the differential and scenario tests prove it.
 *
 * <p>Usage: {@code BundledModelGenerator <rules directory> <class output directory>}.
 */
public final class BundledModelGenerator {
    private BundledModelGenerator() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path rules = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        // the library is Java 17 bytecode, whatever JDK runs the build
        System.setProperty("drools.dialect.java.compiler.lnglevel", "17");

        RuleSource source = RuleSource.fromDirectory(rules);
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        Map<String, String> drl = new LinkedHashMap<>();
        Set<String> kinds = new TreeSet<>();
        for (RuleFile file : source.files()) {
            if (file.type() == RuleFile.Type.DRL) {
                drl.put(RuleCompiler.buildPath(file), file.text());
            } else if (file.type().table()) {
                String table = RuleCompiler.tableToDrl(source, file, problems);
                if (table != null) {
                    drl.put(RuleCompiler.buildPath(file), table);
                }
            } else {
                continue;
            }
            kinds.add(file.folder());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the bundled rules have problems: " + problems);
        }
        ModelBuild.Result result = ModelBuild.buildByPackage(drl);
        if (result.failed()) {
            throw new IllegalStateException("the bundled rules do not compile to an executable model: " + result.errors());
        }
        // the same safe-rules check as every rule directory gets: the bundled model is made of checked code only
        List<RuleBytecode.Refusal> refused = RuleBytecode.check(result.classes(), RuleAccessPolicy.defaults());
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the bundled rules reach outside the allow-list: " + refused);
        }

        Path root = classes.resolve(BundledModel.ROOT);
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        int written = 0;
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(result.classes()).entrySet()) {
            Path target = root.resolve(entry.getKey() + BundledModel.CLASS_EXTENSION);
            Files.createDirectories(target.getParent());
            Files.write(target, entry.getValue());
            written++;
        }
        List<String> models = result.models();
        if (models.isEmpty() || written == 0) {
            throw new IllegalStateException("the executable model has no model classes");
        }
        Properties index = new Properties();
        index.setProperty("version", source.version());
        index.setProperty("models", String.join(",", models));
        index.setProperty("kinds", String.join(",", kinds));
        // the rule names per kind, so that an engine knows them before it makes a kind's KieBase
        for (String kind : kinds) {
            List<String> ofKind = new ArrayList<>();
            for (String model : result.models()) {
                if (model.startsWith(kind + ".")) {
                    ofKind.add(model);
                }
            }
            ModelBuild.Loader loader = new ModelBuild.Loader(BundledModelGenerator.class.getClassLoader(),
                    name -> result.classes().get(name.replace('.', '/')));
            index.setProperty("rules." + kind, String.join("\n",
                    RuleCompiler.ruleNames(List.of(ModelBuild.kieBase(loader, ofKind)))));
        }
        StringWriter text = new StringWriter();
        index.store(text, null);
        // no date line: the same rules give the same file
        String stored = text.toString().lines().filter(l -> !l.startsWith("#")).sorted()
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(root.resolve(BundledModel.INDEX), "# the bundled rules as Drools' executable model, made by"
                + " BundledModelGenerator at build time\n" + stored, StandardCharsets.UTF_8);
        System.out.printf("precompiled the bundled rules %s (%s) to %d model classes in %d ms%n", source.version(),
                String.join(", ", kinds), written, (System.nanoTime() - started) / 1_000_000);
    }
}
