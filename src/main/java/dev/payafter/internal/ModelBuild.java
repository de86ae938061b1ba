package dev.payafter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * One build of DRL to Drools' executable model, in memory: every constraint, consequence, function and declared type
 * becomes Java bytecode, which {@link RuleBytecode} checks before any of it is loaded; then the KieBase is made from
 * exactly those bytes ({@link #kieBase}), by a class loader of its own, never from a KieContainer. The build leaves
 * nothing registered in Drools' KieRepository.
 */
final class ModelBuild {
    /** Where KieFileSystem builds put rule files. */
    static final String RESOURCES = "src/main/resources/";
    private static final String GROUP = "dev.payafter";
    private static final AtomicLong BUILDS = new AtomicLong();

    /**
     * What a build made.
     *
     * @param errors Drools' error messages (paths relative to {@link #RESOURCES} for rule files; generated Java
     *     sources otherwise)
     * @param classes the generated classes by internal name (the project model class left out: it is never loaded)
     * @param models the model classes to instantiate, by binary name
     * @param builds the single builds this result merges (a file's or a package's), empty for a single build
     * @param cleanUnder the allow-lists ({@link RuleAccessPolicy#entries}) a single build's classes were checked
     *     clean under, so that a reload with that file unchanged does not read its bytecode again
     */
    record Result(List<Message> errors, Map<String, byte[]> classes, List<String> models, List<Result> builds,
            Set<List<String>> cleanUnder, java.util.concurrent.atomic.AtomicReference<Loader> loader) {
        Result(List<Message> errors, Map<String, byte[]> classes, List<String> models) {
            this(errors, classes, models, List.of(), java.util.concurrent.ConcurrentHashMap.newKeySet(),
                    new java.util.concurrent.atomic.AtomicReference<>());
        }

        /**
         * The class loader that defines this single build's classes under {@code parent}, made once: a KieBase made
         * again of this build (its package's other file was edited) does not define its classes again.
         */
        Loader loader(ClassLoader parent) {
            Loader made = loader.get();
            if (made == null || made.getParent() != parent) {
                Map<String, byte[]> bytes = classes;
                made = new Loader(parent, name -> bytes.get(name.replace('.', '/')));
                loader.set(made);
            }
            return made;
        }

        boolean failed() {
            return !errors.isEmpty();
        }

        /** The single builds whose classes make this result, each checked on its own. */
        List<Result> parts() {
            return builds.isEmpty() ? List.of(this) : builds;
        }
    }

    private ModelBuild() {
    }

    /**
     * Builds {@code drl} (a path such as {@code eligibility/credit-score.drl} to its DRL text).
     *
     * @throws RuntimeException when Drools' code generator itself throws (it does for some MVEL it cannot parse)
     */
    static Result build(Map<String, String> drl) {
        String key = key(drl);
        synchronized (RECENT) {
            Result recent = RECENT.get(key);
            if (recent != null) {
                return recent;
            }
        }
        Result result = compile(drl);
        if (!result.failed()) {
            synchronized (RECENT) {
                RECENT.put(key, result);
            }
        }
        return result;
    }

    /**
     * Builds each package (rule folder) on its own and merges the results: packages do not see each other's rules, so
     * an edit to one folder recompiles only that folder, the others coming from {@link #RECENT}.
     */
    static Result buildByPackage(Map<String, String> drl) {
        Map<String, Map<String, String>> byPackage = new java.util.TreeMap<>();
        drl.forEach((path, text) -> byPackage.computeIfAbsent(RuleBytecode.packageOf(path), k -> new LinkedHashMap<>())
                .put(path, text));
        List<Message> errors = new ArrayList<>();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<String> models = new ArrayList<>();
        List<Result> builds = new ArrayList<>();
        for (Map<String, String> files : byPackage.values()) {
            Result result = byFile(files);
            if (result == null) {
                result = build(files);
            }
            errors.addAll(result.errors());
            classes.putAll(result.classes());
            models.addAll(result.models());
            builds.addAll(result.parts());
        }
        return errors.isEmpty() ? new Result(List.of(), Map.copyOf(classes), List.copyOf(models), List.copyOf(builds),
                Set.of(), new java.util.concurrent.atomic.AtomicReference<>())
                : new Result(List.copyOf(errors), Map.of(), List.of());
    }

    /**
     * One package built file by file, each file a model of its own (in path order), so that an edit to one file (a
     * table, say) compiles that file only; or {@code null} when some file does not build alone (it uses a function
     * or a type another file of the package declares, or it has an error), and the package is then built whole.
     * A class two files' builds both generate must be the same class: their bytes must be equal, or the package is
     * built whole.
     */
    private static Result byFile(Map<String, String> files) {
        if (files.size() < 2) {
            return null;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<String> models = new ArrayList<>();
        List<Result> builds = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Result result = build(Map.of(file.getKey(), file.getValue()));
            if (result.failed()) {
                return null;
            }
            builds.add(result);
            for (Map.Entry<String, byte[]> generated : result.classes().entrySet()) {
                byte[] earlier = classes.putIfAbsent(generated.getKey(), generated.getValue());
                if (earlier != null && !java.util.Arrays.equals(earlier, generated.getValue())) {
                    return null;
                }
            }
            models.addAll(result.models());
        }
        return new Result(List.of(), classes, models, builds, Set.of(), new java.util.concurrent.atomic.AtomicReference<>());
    }

    /**
     * The last successful builds (of a file or of a package), by a hash of their DRL: the same rule files give the same classes, so a rebuild
     * of them (a rollback, a challenger of the same files, a second engine) skips the Java compiler. Only bytes are
     * kept; every use checks them again and defines them in a loader of its own.
     */
    private static final Map<String, Result> RECENT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > 48;
        }
    };

    private static String key(Map<String, String> drl) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(drl).entrySet()) {
                for (String part : new String[] {entry.getKey(), entry.getValue()}) {
                    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                    digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                    digest.update(bytes);
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Result compile(Map<String, String> drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        drl.forEach((path, text) -> kfs.write(RESOURCES + path, text));
        ReleaseId releaseId = ks.newReleaseId(GROUP, "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        try {
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                return new Result(List.copyOf(errors), Map.of(), List.of());
            }
            InternalKieModule module = (InternalKieModule) builder.getKieModule();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (String name : module.getFileNames()) {
                if (name.endsWith(".class") && !name.startsWith("org/drools/project/model/")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), module.getBytes(name));
                }
            }
            List<String> models = new ArrayList<>();
            byte[] list = module.getBytes("META-INF/kie/" + GROUP + "/" + releaseId.getArtifactId() + "/drools-model");
            for (String line : new String(list == null ? new byte[0] : list, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.contains(":")) {
                    models.add(line.strip());
                }
            }
            return new Result(List.of(), Map.copyOf(classes), List.copyOf(models));
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * One KieBase per package (rule folder, decision kind) of checked classes: each kind's sessions then hold only
     * its own rules, and each package may declare the engine's globals ({@code policy}, {@code findings}) with its
     * own types, which one KieBase for every package would refuse. The classes are defined by {@code loader}, the
     * model classes instantiated. What keeps the serving KieBase unchanged is that no rule can reach it, which {@link RuleBytecode}
     * checks, and that the engine hands it to no one. Drools' {@code KieBaseMutabilityOption.DISABLED} is not set: in
     * Drools 10.2 it does not make {@code removeRule} throw (it is an optimisation), and it drops facts that match
     * nothing from the session's store, so that every decision's clean-up logs a warning per such fact.
     */
    static Map<String, KieBase> kieBases(ClassLoader loader, List<String> models) throws ReflectiveOperationException {
        Map<String, List<String>> byPackage = new java.util.TreeMap<>();
        for (String model : models) {
            byPackage.computeIfAbsent(RuleBytecode.packageOf(model.replace('.', '/')), k -> new ArrayList<>()).add(model);
        }
        Map<String, KieBase> bases = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : byPackage.entrySet()) {
            bases.put(entry.getKey().replace('/', '.'), kieBase(loader, entry.getValue()));
        }
        return bases;
    }

    /** The last KieBase made of each package's builds, with those builds: reused while they are the same. */
    private static final Map<String, Made> MADE = new java.util.HashMap<>();

    private record Made(List<Result> builds, KieBase kieBase) {
        boolean of(List<Result> others) {
            if (others.size() != builds.size()) {
                return false;
            }
            for (int i = 0; i < builds.size(); i++) {
                if (builds.get(i) != others.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One KieBase per package of a checked {@code result}, each with a class loader of its own under {@code parent}.
     * A package whose builds are the very ones (the same cached, checked bytes) of the last KieBase made for it gets
     * that KieBase again: a reload after a table edit makes only the edited package's. A KieBase is never changed
     * after it is made, and each rule set keeps its own sessions, so two rule-set versions may share one.
     */
    static Map<String, KieBase> kieBases(ClassLoader parent, Result result) throws ReflectiveOperationException {
        Map<String, List<Result>> byPackage = new java.util.TreeMap<>();
        for (Result part : result.parts()) {
            for (String model : part.models()) {
                List<Result> parts = byPackage.computeIfAbsent(RuleBytecode.packageOf(model.replace('.', '/')),
                        k -> new ArrayList<>());
                if (parts.isEmpty() || parts.get(parts.size() - 1) != part) {
                    parts.add(part);
                }
            }
        }
        Map<String, KieBase> bases = new LinkedHashMap<>();
        for (Map.Entry<String, List<Result>> entry : byPackage.entrySet()) {
            String pkg = entry.getKey();
            List<Result> parts = entry.getValue();
            synchronized (MADE) {
                Made made = MADE.get(pkg);
                if (made != null && made.of(parts)) {
                    bases.put(pkg, made.kieBase());
                    continue;
                }
            }
            // each build's models from its own loader (made once per build), so only an edited file's classes are new
            List<Model> instances = new ArrayList<>();
            boolean declaresTypes = false;
            for (Result part : parts) {
                Loader loader = part.loader(parent);
                for (String name : part.models()) {
                    Model model = (Model) loader.loadClass(name).getConstructor().newInstance();
                    declaresTypes |= !model.getTypeMetaDatas().isEmpty();
                    instances.add(model);
                }
            }
            KieBase kieBase;
            if (declaresTypes && parts.size() > 1) {
                // declared types resolve through the KieBase's one class loader: every build's classes in one loader
                Map<String, byte[]> classes = new java.util.HashMap<>();
                List<String> models = new ArrayList<>();
                for (Result part : parts) {
                    classes.putAll(part.classes());
                    models.addAll(part.models());
                }
                kieBase = kieBase(new Loader(parent, name -> classes.get(name.replace('.', '/'))), models);
            } else {
                kieBase = KieBaseBuilder.createKieBaseFromModel(instances,
                        KieServices.Factory.get().newKieBaseConfiguration(null, parts.get(0).loader(parent)));
            }
            synchronized (MADE) {
                MADE.put(pkg, new Made(List.copyOf(parts), kieBase));
            }
            bases.put(pkg, kieBase);
        }
        return bases;
    }

    /** The KieBase of the models named (one package's, for {@link #kieBases}). */
    static KieBase kieBase(ClassLoader loader, List<String> models) throws ReflectiveOperationException {
        List<Model> instances = new ArrayList<>();
        for (String name : models) {
            instances.add((Model) loader.loadClass(name).getConstructor().newInstance());
        }
        KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        return KieBaseBuilder.createKieBaseFromModel(instances, configuration);
    }

    /**
     * The rules of {@code kieBase} whose constraints or consequences Drools would evaluate with MVEL at run time
     * (no bytecode for {@link RuleBytecode} to check), each as {@code rule "name": what}.
     */
    static List<String> interpretedParts(KieBase kieBase) {
        List<String> found = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                if (impl.getConsequence() != null && interpreted(impl.getConsequence().getClass())) {
                    found.add("rule \"" + rule.getName() + "\": its consequence");
                }
                constraints(impl.getLhs(), c -> {
                    if (interpreted(c.getClass())) {
                        found.add("rule \"" + rule.getName() + "\": a constraint");
                    }
                    return null;
                });
            }
        }
        return found;
    }

    private static boolean interpreted(Class<?> type) {
        return type.getName().startsWith("org.drools.mvel") || type.getName().startsWith("org.mvel2");
    }

    private static void constraints(RuleConditionElement element, Function<Constraint, Void> each) {
        if (element instanceof Pattern pattern) {
            pattern.getConstraints().forEach(each::apply);
            if (pattern.getSource() != null) {
                constraints(pattern.getSource(), each);
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            constraints(nested, each);
        }
    }

    /** Defines classes from bytes on demand; everything else comes from the parent. */
    static final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Function<String, byte[]> bytes;

        /** @param bytes the class file of a binary name, or {@code null} when the class is not one of these */
        Loader(ClassLoader parent, Function<String, byte[]> bytes) {
            super(parent);
            this.bytes = bytes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] code = bytes.apply(name);
            if (code == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, code, 0, code.length);
        }
    }
}
