package dev.payafter.internal;

import dev.payafter.RuleProblem;
import dev.payafter.RuleSetInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled rules compiled at build time to Drools' executable model, so that an engine on the bundled rules starts
 * without parsing DRL, converting tables or compiling Java: the build writes the model's classes as resources under
 * {@value #ROOT} with an index naming the rule-set version they were made from (see {@code BundledModelGenerator}
 * in the tests); this class loads them with a class loader of its own (they live in the rules' packages,
 * {@code eligibility} and so on, which must not appear on a host's class path) and builds the KieBase from them.
 *
 * <p>The model is used only if it was made from exactly the bundled rule files (same version); otherwise, or when it
 * is missing (a build that skipped the generator, an IDE), the bundled rules are compiled as any rule directory is.
 */
public final class BundledModel {
    private static final Logger LOG = LoggerFactory.getLogger(BundledModel.class);
    /** Where the build puts the model: class files as {@code <binary name>.bytecode}, and {@value #INDEX}. */
    public static final String ROOT = "dev/payafter/bundled-model/";
    /** The index: {@code version} (rule-set version) and {@code models} (model class names, comma-separated). */
    public static final String INDEX = "index.properties";
    /** The extension of a model class file under {@link #ROOT}. */
    public static final String CLASS_EXTENSION = ".bytecode";

    private BundledModel() {
    }

    /** The bundled rules, from the precompiled model when there is a matching one, else compiled now. */
    public static CompiledRules compiledRules() {
        RuleSource source = RuleSource.bundled();
        CompiledRules rules = load(source);
        return rules != null ? rules : RuleCompiler.compile(source);
    }

    /** The precompiled bundled rules, or {@code null} when there is no model made from {@code source}. */
    public static CompiledRules load(RuleSource source) {
        long started = System.nanoTime();
        ClassLoader parent = BundledModel.class.getClassLoader();
        Properties index = new Properties();
        try (InputStream in = parent.getResourceAsStream(ROOT + INDEX)) {
            if (in == null) {
                LOG.info("no precompiled model of the bundled rules on the class path; compiling them");
                return null;
            }
            index.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + INDEX, e);
        }
        String version = source.version();
        if (!version.equals(index.getProperty("version"))) {
            LOG.warn("the precompiled model is of rule set {} but the bundled rules are {}; compiling them",
                    index.getProperty("version"), version);
            return null;
        }
        List<RuleProblem> problems = new ArrayList<>(source.problems());
        Map<String, String> profiles = Profiles.read(source, problems);
        if (!problems.isEmpty()) {
            return null; // the compiler reports them properly
        }
        ClassLoader loader = loader(parent, version);
        Map<String, List<String>> modelsByKind = new LinkedHashMap<>();
        for (String kind : index.getProperty("kinds", "").split(",")) {
            if (!kind.isBlank()) {
                modelsByKind.put(kind.strip(), new ArrayList<>());
            }
        }
        for (String name : index.getProperty("models", "").split(",")) {
            String model = name.strip();
            List<String> ofKind = modelsByKind.get(RuleBytecode.packageOf(model.replace('.', '/')));
            if (model.isEmpty()) {
                continue;
            }
            if (ofKind == null || parent.getResource(ROOT + model.replace('.', '/') + CLASS_EXTENSION) == null) {
                LOG.warn("the precompiled model of the bundled rules is incomplete ({}); compiling them", model);
                return null;
            }
            ofKind.add(model);
        }
        // each kind's KieBase is made when a decision of that kind first needs it: a first decision waits for its own
        Map<String, java.util.function.Supplier<KieBase>> bases = new LinkedHashMap<>();
        modelsByKind.forEach((kind, models) -> bases.put(kind, () -> kieBase(source, loader, kind, models)));
        List<String> ruleNames = new ArrayList<>();
        for (String kind : modelsByKind.keySet()) {
            String names = index.getProperty("rules." + kind);
            if (names == null) {
                LOG.warn("the precompiled model of the bundled rules has no rule names; compiling them");
                return null;
            }
            names.lines().filter(n -> !n.isEmpty()).forEach(ruleNames::add);
        }
        ruleNames.sort(null);
        RuleSetInfo info = new RuleSetInfo(source.description(), version, "", java.time.Instant.EPOCH,
                source.files().stream().filter(f -> f.type().decides()).map(RuleFile::path).toList(),
                List.copyOf(profiles.keySet()), List.copyOf(ruleNames));
        LOG.info("loaded the precompiled rule set {} version {} (decisions {}) in {} ms", source.description(), version,
                bases.keySet(), (System.nanoTime() - started) / 1_000_000);
        return CompiledRules.lazy(bases, profiles, info);
    }

    /**
     * One kind's KieBase from the model; should the model not load after all (a damaged jar), that kind is compiled
     * from the bundled rule files instead, as a rule directory is.
     */
    private static KieBase kieBase(RuleSource source, ClassLoader loader, String kind, List<String> models) {
        long started = System.nanoTime();
        try {
            KieBase kieBase = ModelBuild.kieBase(loader, models);
            LOG.debug("made the bundled {} KieBase in {} ms", kind, (System.nanoTime() - started) / 1_000_000);
            return kieBase;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("the precompiled model of the bundled {} rules does not load; compiling them", kind, e);
            return RuleCompiler.compile(source).kieBase(kind);
        }
    }

    private static CachedLoader cachedLoader;

    private record CachedLoader(ClassLoader parent, String version, ModelBuild.Loader loader) {
    }

    /**
     * The class loader of the model of {@code version}: one per JVM, so a second engine on the bundled rules (a reload)
     * only builds a KieBase and does not define the model's classes again. The classes hold no state of a KieBase.
     * It defines the model's classes from the resources under {@link #ROOT}; everything else comes from the parent.
     */
    private static synchronized ClassLoader loader(ClassLoader parent, String version) {
        if (cachedLoader == null || !cachedLoader.version().equals(version) || cachedLoader.parent() != parent) {
            cachedLoader = new CachedLoader(parent, version, new ModelBuild.Loader(parent, name -> {
                try (InputStream in = parent.getResourceAsStream(ROOT + name.replace('.', '/') + CLASS_EXTENSION)) {
                    return in == null ? null : in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the bundled model class " + name, e);
                }
            }));
        }
        return cachedLoader.loader();
    }
}
