package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's shape: the host API (the packages a host imports) shows no Drools type, main code never prints,
 * every exception is a {@link PayAfterException}, and every public type is documented.
 */
class ArchitectureTest {
    static final Path CLASSES = Path.of("target", "classes");
    static final Path SOURCES = Path.of("src", "main", "java");
    /** The host API. {@code internal} and {@code facts} are not part of it (the rules see {@code facts}). */
    static final List<String> PUBLIC_PACKAGES = List.of("dev.payafter", "dev.payafter.eligibility",
            "dev.payafter.refund", "dev.payafter.deduction", "dev.payafter.scenarios", "dev.payafter.live",
            "dev.payafter.tools");
    static final List<String> DROOLS_PREFIXES = List.of("org.kie.", "org.drools.");

    /** Every class (top-level, nested, any visibility) compiled from the public packages. */
    static List<Class<?>> classes;

    @BeforeAll
    static void loadClasses() throws IOException, ClassNotFoundException {
        classes = new ArrayList<>();
        for (String pkg : PUBLIC_PACKAGES) {
            Path dir = CLASSES.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) { // not recursive: subpackages are listed on their own
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".class") || name.equals("package-info.class")) {
                        continue;
                    }
                    classes.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()),
                            false, ArchitectureTest.class.getClassLoader()));
                }
            }
        }
    }

    /** The classes a host can name: public, and (if nested) inside public classes all the way out. */
    static List<Class<?>> apiClasses() {
        return classes.stream().filter(ArchitectureTest::visibleToHosts).toList();
    }

    static boolean visibleToHosts(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theScanFindsTheHostApi() {
        assertThat(apiClasses()).contains(PayAfterEngine.class, PayAfterEngine.Builder.class,
                InvalidRequestException.class, dev.payafter.eligibility.EligibilityRequest.class,
                dev.payafter.refund.RefundDecision.class, dev.payafter.deduction.DeductionRequest.Builder.class,
                dev.payafter.scenarios.ScenarioTables.class);
        assertThat(classes).noneMatch(c -> c.getPackageName().endsWith(".internal")
                || c.getPackageName().endsWith(".facts"));
    }

    // ---- no Drools in the host API ------------------------------------------------------------------------------

    @Test
    void noDroolsTypeInAnyPublicSignature() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            leaks.addAll(droolsTypesIn(type));
        }
        assertThat(leaks).as("Drools/KIE types in the host API").isEmpty();
    }

    /** The check itself finds a leak, in a return type, a generic argument, a parameter, a field, a component. */
    @Test
    void theSignatureCheckFindsLeaks() {
        assertThat(droolsTypesIn(Leaky.class)).hasSize(5)
                .anySatisfy(l -> assertThat(l).contains("kieBase()").contains("org.kie.api.KieBase"))
                .anySatisfy(l -> assertThat(l).contains("sessions()").contains("org.kie.api.runtime.KieSession"))
                .anySatisfy(l -> assertThat(l).contains("use(").contains("org.kie.api.runtime.rule.FactHandle"))
                .anySatisfy(l -> assertThat(l).contains("constructor").contains("org.kie.api.KieServices"))
                .anySatisfy(l -> assertThat(l).contains("field container").contains("org.kie.api.runtime.KieContainer"));
        assertThat(droolsTypesIn(Leaky.Session.class)).anySatisfy(l -> assertThat(l).contains("component session")
                .contains("java.util.List<org.kie.api.runtime.KieSession>"));
        assertThat(droolsTypesIn(Clean.class)).isEmpty();
    }

    /** Every Drools type in {@code type}'s public (and protected) signatures, each described with where it is. */
    static List<String> droolsTypesIn(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        String owner = type.getName();
        check(leaks, owner + " extends", type.getGenericSuperclass());
        for (Type parent : type.getGenericInterfaces()) {
            check(leaks, owner + " implements", parent);
        }
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            check(leaks, owner + " type parameter " + variable.getName(), variable);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (exposed(method) && !method.isSynthetic() && !method.isBridge()) {
                String where = owner + "." + method.getName() + "()";
                check(leaks, where + " returns", method.getGenericReturnType());
                for (Type parameter : method.getGenericParameterTypes()) {
                    check(leaks, owner + "." + method.getName() + "( parameter", parameter);
                }
                for (Type thrown : method.getGenericExceptionTypes()) {
                    check(leaks, where + " throws", thrown);
                }
                for (TypeVariable<?> variable : method.getTypeParameters()) {
                    check(leaks, where + " type parameter", variable);
                }
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (exposed(constructor) && !constructor.isSynthetic()) {
                for (Type parameter : constructor.getGenericParameterTypes()) {
                    check(leaks, owner + " constructor parameter", parameter);
                }
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (exposed(field) && !field.isSynthetic()) {
                check(leaks, owner + " field " + field.getName(), field.getGenericType());
            }
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                check(leaks, owner + " component " + component.getName(), component.getGenericType());
            }
        }
        return leaks;
    }

    /** Public, or protected in a class a host can extend. */
    static boolean exposed(Member member) {
        int modifiers = member.getModifiers();
        return Modifier.isPublic(modifiers)
                || Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
    }

    static void check(List<String> leaks, String where, Type type) {
        Set<Type> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> named : namedClasses(type, seen, new ArrayList<>())) {
            if (DROOLS_PREFIXES.stream().anyMatch(named.getName()::startsWith)) {
                leaks.add(where + ": " + named.getName() + " (in " + type.getTypeName() + ")");
            }
        }
    }

    /** Every class a type names: itself, array components, generic arguments, owners, wildcard and variable bounds. */
    static List<Class<?>> namedClasses(Type type, Set<Type> seen, List<Class<?>> found) {
        if (type == null || !seen.add(type)) {
            return found;
        }
        if (type instanceof Class<?> c) {
            found.add(c.isArray() ? arrayComponent(c) : c);
        } else if (type instanceof ParameterizedType p) {
            namedClasses(p.getRawType(), seen, found);
            namedClasses(p.getOwnerType(), seen, found);
            for (Type argument : p.getActualTypeArguments()) {
                namedClasses(argument, seen, found);
            }
        } else if (type instanceof GenericArrayType a) {
            namedClasses(a.getGenericComponentType(), seen, found);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                namedClasses(bound, seen, found);
            }
            for (Type bound : w.getLowerBounds()) {
                namedClasses(bound, seen, found);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                namedClasses(bound, seen, found);
            }
        }
        return found;
    }

    static Class<?> arrayComponent(Class<?> array) {
        Class<?> c = array;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    /** Leaks on purpose, to show the check finds them. */
    public static class Leaky {
        public Map<String, ? extends org.kie.api.runtime.KieContainer> container;
        private org.kie.api.KieBase hidden;

        public Leaky(org.kie.api.KieServices services) {
        }

        public org.kie.api.KieBase kieBase() {
            return hidden;
        }

        public List<org.kie.api.runtime.KieSession> sessions() {
            return List.of();
        }

        public void use(org.kie.api.runtime.rule.FactHandle[] handles) {
        }

        public record Session(List<org.kie.api.runtime.KieSession> session) {
        }

        private org.kie.api.KieBase privateIsFine() {
            return hidden;
        }
    }

    public static class Clean {
        private org.kie.api.KieBase privateField;

        public List<String> names() {
            return List.of();
        }

        private org.kie.api.KieBase privateMethod() {
            return privateField;
        }
    }

    // ---- no printing in main code -------------------------------------------------------------------------------

    static final String CLI_MAIN = SOURCES.resolve("dev/payafter/tools/AnalystCli.java")
            + ":" + cliMainLine() + ": System.exit(run(args, System.out, System.err));";

    static int cliMainLine() {
        try {
            List<String> lines = Files.readAllLines(SOURCES.resolve("dev/payafter/tools/AnalystCli.java"));
            return lines.indexOf("        System.exit(run(args, System.out, System.err));") + 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|printStackTrace\\s*\\(");

    @Test
    void mainCodeNeverPrints() throws IOException {
        List<String> prints = new ArrayList<>();
        List<Path> sources = javaSources(SOURCES);
        assertThat(sources).hasSizeGreaterThan(30);
        for (Path source : sources) {
            prints.addAll(printsIn(source.toString(), Files.readString(source, StandardCharsets.UTF_8)));
        }
        // The one exception: the analyst CLI's main hands the console to AnalystCli.run(args, out, err), which
        // prints only to the streams it is given (so tests capture them). Exactly that statement is allowed.
        prints.removeAll(List.of(CLI_MAIN)); // the line names System.out and System.err: two matches
        assertThat(prints).as("System.out / System.err / printStackTrace in src/main/java (log through slf4j)")
                .isEmpty();
    }

    @Test
    void thePrintScanFindsPrints() {
        assertThat(printsIn("A.java", "class A {\n  void a() {\n    System.out.println(1);\n  }\n}")).containsExactly(
                "A.java:3: System.out.println(1);");
        assertThat(printsIn("B.java", "class B { void b(Exception e) { System.err .print(2); e.printStackTrace(); } }"))
                .hasSize(2);
        assertThat(printsIn("C.java", "class C { String systemOut = \"System.output\"; Logger log; }")).isEmpty();
    }

    static List<String> printsIn(String file, String text) {
        List<String> prints = new ArrayList<>();
        Matcher matcher = PRINTING.matcher(text);
        while (matcher.find()) {
            int line = (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
            int lineStart = text.lastIndexOf('\n', matcher.start()) + 1;
            int lineEnd = text.indexOf('\n', matcher.start());
            prints.add(file + ":" + line + ": " + text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd)
                    .strip());
        }
        return prints;
    }

    static List<Path> javaSources(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    // ---- exceptions ---------------------------------------------------------------------------------------------

    @Test
    void everyExceptionIsAPayAfterException() {
        List<Class<?>> exceptions = classes.stream().filter(Throwable.class::isAssignableFrom).toList();
        assertThat(exceptions).contains(PayAfterException.class, InvalidRequestException.class,
                RuleCompilationException.class, dev.payafter.scenarios.ScenarioTableException.class);
        assertThat(exceptions).as("exception classes in the public packages").allSatisfy(
                e -> assertThat(PayAfterException.class).as(e.getName()).isAssignableFrom(e));
        assertThat(PayAfterException.class.getSuperclass()).isEqualTo(RuntimeException.class);
    }

    // ---- Javadoc ------------------------------------------------------------------------------------------------

    @Test
    void everyPublicTopLevelTypeHasJavadoc() throws IOException {
        List<Class<?>> types = apiClasses().stream().filter(c -> c.getDeclaringClass() == null).toList();
        assertThat(types).hasSizeGreaterThan(30);
        List<String> undocumented = new ArrayList<>();
        for (Class<?> type : types) {
            Path source = SOURCES.resolve(type.getName().replace('.', '/') + ".java");
            if (!hasJavadoc(Files.readString(source, StandardCharsets.UTF_8), type.getSimpleName())) {
                undocumented.add(type.getName());
            }
        }
        assertThat(undocumented).as("public types without a Javadoc comment").isEmpty();
    }

    @Test
    void theJavadocCheckNeedsADocCommentRightBeforeTheType() {
        assertThat(hasJavadoc("package a;\n/** Does a. */\npublic final class A {}", "A")).isTrue();
        assertThat(hasJavadoc("package a;\n/**\n * Does a.\n */\n@Deprecated\npublic record A(int b) {}", "A"))
                .isTrue();
        assertThat(hasJavadoc("package a;\n/* not Javadoc */\npublic class A {}", "A")).isFalse();
        assertThat(hasJavadoc("package a;\npublic enum A { X }", "A")).isFalse();
        assertThat(hasJavadoc("/** The file. */\npackage a;\nimport b.C;\npublic interface A {}", "A")).isFalse();
    }

    /** Whether a {@code /** ... *}{@code /} comment comes right before the declaration (annotations may follow it). */
    static boolean hasJavadoc(String text, String simpleName) {
        Matcher declaration = Pattern.compile("(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*"
                + "(?:class|record|enum|interface|@interface)\\s+" + Pattern.quote(simpleName) + "\\b").matcher(text);
        if (!declaration.find()) {
            throw new AssertionError("no declaration of public type " + simpleName + " found in its source file");
        }
        String before = text.substring(0, declaration.start());
        int open = before.lastIndexOf("/**");
        int close = before.lastIndexOf("*/");
        if (open < 0 || close < open) {
            return false;
        }
        String between = before.substring(close + 2).strip();
        return between.isEmpty() || between.lines().allMatch(line -> line.strip().startsWith("@"));
    }
}
