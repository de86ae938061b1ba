package dev.payafter.internal;

import dev.payafter.RuleProblem;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Build step (run by Maven in {@code process-test-classes}, see the pom): compiles {@code rules/} to Drools'
 * executable model and writes its classes into the library's class folder as resources under
 * {@link BundledModel#ROOT}, with the index {@link BundledModel} checks at run time. The DRL is made exactly as
 * {@link RuleCompiler} makes it (decision-table rows renamed after their file and row), so the rules, their names and
 * the decisions are the same; the differential and scenario tests prove it.
 *
 * <p>Usage: {@code BundledModelGenerator <rules directory> <class output directory>}.
 */
public final class BundledModelGenerator {
    private static final String GROUP = "dev.payafter";
    private static final String ARTIFACT = "bundled-rules";

    private BundledModelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Path rules = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        // the library is Java 17 bytecode, whatever JDK runs the build
        System.setProperty("drools.dialect.java.compiler.lnglevel", "17");

        RuleSource source = RuleSource.fromDirectory(rules);
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        Set<String> kinds = new TreeSet<>();
        for (RuleFile file : source.files()) {
            if (file.type() == RuleFile.Type.DRL) {
                kfs.write(RuleCompiler.RESOURCES + file.path(), file.text());
            } else if (file.type().table()) {
                String drl = RuleCompiler.tableToDrl(source, file, problems);
                if (drl != null) {
                    kfs.write(RuleCompiler.RESOURCES + file.path() + ".drl", drl);
                }
            } else {
                continue;
            }
            kinds.add(file.folder());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the bundled rules have problems: " + problems);
        }
        ReleaseId releaseId = ks.newReleaseId(GROUP, ARTIFACT, "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the bundled rules do not compile to an executable model: " + errors);
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        ks.getRepository().removeKieModule(releaseId);

        Path root = classes.resolve(BundledModel.ROOT);
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        int written = 0;
        for (String name : new TreeSet<>(module.getFileNames())) {
            if (name.endsWith(".class")) {
                Path target = root.resolve(name.substring(0, name.length() - ".class".length())
                        + BundledModel.CLASS_EXTENSION);
                Files.createDirectories(target.getParent());
                Files.write(target, module.getBytes(name));
                written++;
            }
        }
        List<String> models = new ArrayList<>();
        String modelList = new String(module.getBytes("META-INF/kie/" + GROUP + "/" + ARTIFACT + "/drools-model"),
                StandardCharsets.UTF_8);
        for (String line : modelList.split("\\R")) {
            if (!line.isBlank() && !line.contains(":")) {
                models.add(line.strip());
            }
        }
        if (models.isEmpty() || written == 0) {
            throw new IllegalStateException("the executable model has no model classes: " + modelList);
        }
        Properties index = new Properties();
        index.setProperty("version", source.version());
        index.setProperty("models", String.join(",", models));
        index.setProperty("kinds", String.join(",", kinds));
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
