package dev.payafter.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Safe rules: which Java the compiled rules may reach, in bytecode terms. Rule files are code (a consequence, a
 * {@code function}, a constraint, a decision-table cell), and the analysts who edit them must not reach outside the
 * decision. The check is not on the source text: every rule set is compiled to Drools' executable model, and
 * {@link RuleBytecode} reads every class that build produced (constraints, consequences, functions, declared types,
 * their lambdas and inner classes) and asks this policy about every method call, field access, {@code new}, type
 * reference, method handle and {@code invokedynamic} in it. Whatever a syntax spells (a text block, a method
 * reference, explicit type arguments, a decision-table cell, MVEL), it ends as one of those instructions.
 *
 * <p>Allowed by default, as owners of the members used ({@code java/lang/String.format}, say):
 * <ul>
 *   <li>the types the rules see: {@code dev.payafter.facts}, {@code .eligibility}, {@code .refund},
 *       {@code .deduction};</li>
 *   <li>{@code java.lang} value types ({@code String}, {@code StringBuilder}, boxed primitives, {@code Math}), the
 *       common unchecked exceptions, {@code java.math}'s {@code BigDecimal}, {@code BigInteger}, {@code RoundingMode},
 *       {@code MathContext}, {@code java.time.**} (but not its wall clocks) and the {@code java.util} collections;</li>
 *   <li>the classes the build generated for this rule set, and the parts of Drools' executable model its scaffolding
 *       needs (the model DSL, {@code EvaluationUtil}, the built-in accumulate functions);</li>
 *   <li>what a host adds with {@code allowRuleAccessTo}: {@code com.acme.Geo} (a class), {@code com.acme.geo.*} (a
 *       package's classes) or {@code com.acme.**} (a package and its sub-packages).</li>
 * </ul>
 * Refused wherever they appear, whatever the owner and whatever a host allows: the members that reach reflection
 * or monitors from any object ({@code getClass}, {@code wait}, {@code notify}, {@code getDeclaringClass},
 * {@code printStackTrace}, ...), the wall clock ({@code now}, {@code java.time.Clock}), system properties through the
 * boxed types ({@code Integer.getInteger}, ...), Drools' runtime from a consequence ({@code drools.*},
 * {@code kcontext.*}, {@code halt}, the session, the KieBase, the agenda, entry points, channels; only
 * {@code insert}, {@code update}/{@code modify} and {@code delete} of facts in the decision's own session are allowed:
 * decision tables fill in their policy with {@code modify}, and a rule may infer a fact of a type the rule set
 * declares), {@code synchronized} blocks and static fields written outside a class initialiser. Globals other than
 * the engine's own ({@code EngineGlobals}) are refused when the KieBase is checked, not here.
 */
public final class RuleAccessPolicy {
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\.\\*\\*|\\.\\*)?");

    /** Whole classes and package trees allowed by default (Java names, as a host writes them). */
    private static final List<String> DEFAULTS = List.of(
            "dev.payafter.facts.**", "dev.payafter.eligibility.**", "dev.payafter.refund.**",
            "dev.payafter.deduction.**",
            "java.lang.Math", "java.lang.StrictMath", "java.lang.String", "java.lang.StringBuilder",
            "java.lang.CharSequence", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.Character", "java.lang.Number",
            "java.lang.Comparable", "java.lang.Enum", "java.lang.Iterable",
            "java.lang.Exception", "java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.ArithmeticException", "java.lang.NullPointerException",
            "java.lang.UnsupportedOperationException", "java.lang.IndexOutOfBoundsException",
            "java.lang.NumberFormatException", "java.lang.ClassCastException",
            "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext",
            "java.time.**",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Map", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.SortedMap", "java.util.NavigableMap",
            "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.EnumSet", "java.util.EnumMap", "java.util.Collection",
            "java.util.Collections", "java.util.Arrays", "java.util.Objects", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.Iterator", "java.util.ListIterator",
            "java.util.Comparator", "java.util.Deque", "java.util.ArrayDeque", "java.util.Queue", "java.util.Locale",
            "java.util.function.*");

    /**
     * What the executable model's generated scaffolding (rule definitions, lambdas, metadata) needs of Drools:
     * descriptors of the model and helpers without state. Never widened by a host.
     */
    private static final List<String> MODEL = List.of("org.drools.model.**", "org.drools.modelcompiler.dsl.**",
            "org.drools.modelcompiler.util.EvaluationUtil", "org.drools.core.base.accumulators.*",
            "org.drools.base.factmodel.GeneratedFact", "org.drools.base.factmodel.AccessibleFact");

    /** Owners whose members are allowed only as listed (internal names). */
    private static final Map<String, Set<String>> ONLY = Map.of(
            "java/lang/Object", Set.of("<init>", "equals", "hashCode", "toString"),
            "java/lang/System", Set.of("arraycopy"),
            "java/io/Serializable", Set.of(),
            "java/lang/Throwable", Set.of("getMessage", "getLocalizedMessage", "getCause", "toString"),
            "org/drools/model/Drools", Set.of("insert", "update", "delete"),
            "org/drools/util/DateUtils", Set.of("getDateFormatMask"));

    /** Owners refused although a pattern above covers them (internal names). */
    private static final Set<String> REFUSED_OWNERS = Set.of("java/time/Clock", "java/time/InstantSource",
            "java/time/zone/ZoneRulesProvider", "org/drools/model/DroolsEntryPoint", "org/drools/model/Channel");

    /** Members refused on every owner: reflection, monitors, stack traces to stderr, the wall clock, the engine's own. */
    private static final Set<String> REFUSED_MEMBERS = Set.of("getClass", "getDeclaringClass", "wait", "notify",
            "notifyAll", "finalize", "printStackTrace", "setStackTrace", "describeConstable", "resolveConstantDesc",
            "now", "ruleFiring", "settling", "executeScript");

    /** Members refused on these owners (they read system properties). */
    private static final Map<String, Set<String>> REFUSED_MEMBERS_OF = Map.of(
            "java/lang/Integer", Set.of("getInteger"), "java/lang/Long", Set.of("getLong"),
            "java/lang/Boolean", Set.of("getBoolean"));

    private final List<String> entries;
    private final Matcher allowed;
    private final Matcher model;

    private RuleAccessPolicy(List<String> entries) {
        this.entries = List.copyOf(new LinkedHashSet<>(entries));
        this.allowed = new Matcher(this.entries);
        this.model = new Matcher(MODEL);
    }

    /** The default allow-list. */
    public static RuleAccessPolicy defaults() {
        return new RuleAccessPolicy(DEFAULTS);
    }

    /**
     * This policy with more entries allowed.
     *
     * @throws IllegalArgumentException for an entry that is not a class, {@code pkg.*} or {@code pkg.**}
     */
    public RuleAccessPolicy allowing(List<String> more) {
        List<String> all = new ArrayList<>(entries);
        for (String entry : more) {
            all.add(checkedEntry(entry));
        }
        return new RuleAccessPolicy(all);
    }

    /** Checks one allow-list entry as a host gives it. */
    public static String checkedEntry(String entry) {
        Objects.requireNonNull(entry, "entry");
        String stripped = entry.strip();
        if (!ENTRY.matcher(stripped).matches()) {
            throw new IllegalArgumentException("not a class or package pattern: \"" + (entry.length() > 80 ? entry.substring(0, 80) + "..." : entry)
                    + "\" (use com.acme.Geo, com.acme.geo.* or com.acme.**)");
        }
        return stripped;
    }

    /** The entries of the allow-list, defaults first (the executable model's own needs are not listed). */
    public List<String> entries() {
        return entries;
    }

    /**
     * Why rule code may not use {@code member} of {@code owner}, or {@code null} when it may.
     *
     * @param owner an internal class name ({@code java/lang/String})
     * @param member a method or field name ({@code <init>} for a constructor)
     * @param generated whether {@code owner} is a class the rule set's own build generated
     */
    String refusal(String owner, String member, boolean generated) {
        if (REFUSED_MEMBERS.contains(member)) {
            return member.equals("now") ? "reads the wall clock; rules get the decision's time from its facts"
                    : "reaches reflection, monitors or the engine; rules may not use it";
        }
        if (generated) {
            return null;
        }
        Set<String> only = ONLY.get(owner);
        if (only != null) {
            return only.contains(member) ? null : "is outside the rules' allow-list";
        }
        Set<String> refusedOf = REFUSED_MEMBERS_OF.get(owner);
        if (refusedOf != null && refusedOf.contains(member)) {
            return "reads system properties; rules may not use it";
        }
        return typeRefusal(owner, false);
    }

    /** Why rule code may not name the class {@code owner} at all (a cast, a class literal, a superclass), or null. */
    String typeRefusal(String owner, boolean generated) {
        if (generated || ONLY.containsKey(owner)) {
            return null;
        }
        if (REFUSED_OWNERS.contains(owner)) {
            return "is outside the rules' allow-list";
        }
        String name = owner.replace('/', '.');
        return allowed.matches(name) || model.matches(name) ? null : "is outside the rules' allow-list";
    }

    /** Whole classes ({@code a.B}), packages ({@code a.*}) and package trees ({@code a.**}), in Java names. */
    private static final class Matcher {
        private final Set<String> classes = new java.util.HashSet<>();
        private final Set<String> packages = new java.util.HashSet<>();
        private final List<String> trees = new ArrayList<>();

        Matcher(List<String> entries) {
            for (String entry : entries) {
                if (entry.endsWith(".**")) {
                    trees.add(entry.substring(0, entry.length() - 3));
                } else if (entry.endsWith(".*")) {
                    packages.add(entry.substring(0, entry.length() - 2));
                } else {
                    classes.add(entry);
                }
            }
        }

        /** A nested class ({@code java.util.Map$Entry}) goes with its outermost class. */
        boolean matches(String qualified) {
            int nested = qualified.indexOf('$');
            String name = nested < 0 ? qualified : qualified.substring(0, nested);
            if (classes.contains(name)) {
                return true;
            }
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot);
            if (packages.contains(pkg)) {
                return true;
            }
            for (String tree : trees) {
                if (pkg.equals(tree) || pkg.startsWith(tree + ".")) {
                    return true;
                }
            }
            return false;
        }
    }
}
