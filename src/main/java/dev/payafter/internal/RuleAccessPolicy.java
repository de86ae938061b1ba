package dev.payafter.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe rules: which Java a rule file may reach. Rule files are code (a consequence, a {@code function}, an MVEL
 * expression or a decision-table cell can call any Java), and the analysts who edit them must not reach outside
 * the decision: no {@code System.exit}, {@code Runtime}, processes, reflection, class loaders, threads, files or
 * sockets.
 *
 * <p>The check reads the source text at compile time (after decoding {@code \\uXXXX} escapes, as javac does, and
 * without comments and string literals) and refuses:
 * <ul>
 *   <li>an {@code import} (also {@code import function}/{@code static}) of anything outside the allow-list;</li>
 *   <li>a fully qualified name ({@code java.io.File}, {@code java.lang.System}) outside the allow-list;</li>
 *   <li>a simple name that resolves to a {@code java.lang} class or to a class of a wildcard-imported package
 *       outside the allow-list ({@code System}, {@code Runtime}, {@code Thread}, {@code Class}, ...);</li>
 *   <li>members that reach reflection or class loading from any object ({@code getClass}, {@code .class},
 *       {@code forName}, {@code getClassLoader}, {@code setAccessible}, ...).</li>
 * </ul>
 * It is a static guard against accidents and casual misuse in analyst-edited files, not a sandbox.
 *
 * <p>The default allow-list: the model types the rules see ({@code dev.payafter.facts}, {@code .eligibility},
 * {@code .refund}, {@code .deduction}), {@code java.lang.Math}, strings and boxed primitives, {@code java.math}'s
 * {@code BigDecimal}, {@code BigInteger} and {@code RoundingMode}, {@code java.time.**} and the collections of
 * {@code java.util}. A host widens it with entries of the form {@code com.acme.Geo} (a class),
 * {@code com.acme.geo.*} (a package's classes) or {@code com.acme.**} (a package and its sub-packages).
 */
public final class RuleAccessPolicy {
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\.\\*\\*|\\.\\*)?");

    private static final List<String> DEFAULTS = List.of(
            "dev.payafter.facts.**", "dev.payafter.eligibility.**", "dev.payafter.refund.**",
            "dev.payafter.deduction.**",
            "java.lang.Math", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
            "java.lang.Float", "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.Comparable",
            "java.lang.Object", "java.lang.Enum", "java.lang.Iterable",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext",
            "java.time.**",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Map", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.SortedMap", "java.util.NavigableMap",
            "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.EnumSet", "java.util.EnumMap", "java.util.Collection",
            "java.util.Collections", "java.util.Arrays", "java.util.Objects", "java.util.Optional",
            "java.util.Iterator", "java.util.Comparator", "java.util.Deque", "java.util.ArrayDeque", "java.util.Queue");

    /**
     * Members that reach reflection, class loading, processes or threads from an object of any allowed type:
     * refused wherever they appear after a dot (or as {@code .class}).
     */
    private static final Set<String> DENIED_MEMBERS = Set.of("class", "getClass", "forName", "getClassLoader",
            "getContextClassLoader", "setContextClassLoader", "loadClass", "defineClass", "newInstance",
            "getDeclaredMethod", "getDeclaredMethods", "getMethod", "getMethods", "getDeclaredField",
            "getDeclaredFields", "getField", "getFields", "getDeclaredConstructor", "getConstructor",
            "setAccessible", "invoke", "exec", "exit", "halt", "getRuntime", "parallelStream", "parallel");

    /** Root packages whose dotted names in code are read as qualified class names. */
    private static final Set<String> ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "dev",
            "kotlin", "scala", "groovy", "mvel2");

    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(?:(function|static|accumulate|entry-point)\\s+)?([\\w.$]+(?:\\.\\*)?)");
    private static final Pattern DOTTED = Pattern.compile("(?<![\\w$.])([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)");
    private static final Pattern MEMBER = Pattern.compile("\\.\\s*([A-Za-z_$][\\w$]*)");
    private static final Pattern DECLARE = Pattern.compile("(?m)^\\s*declare\\s+(?:trait\\s+)?([A-Za-z_$][\\w$]*)");
    private static final Pattern UNICODE = Pattern.compile("\\\\u+([0-9a-fA-F]{4})");

    private final Set<String> classes;
    private final Set<String> packages;
    private final Set<String> trees;
    private final List<String> entries;

    private RuleAccessPolicy(List<String> entries) {
        this.entries = List.copyOf(new LinkedHashSet<>(entries));
        Set<String> c = new HashSet<>();
        Set<String> p = new HashSet<>();
        Set<String> t = new HashSet<>();
        for (String entry : this.entries) {
            if (entry.endsWith(".**")) {
                t.add(entry.substring(0, entry.length() - 3));
            } else if (entry.endsWith(".*")) {
                p.add(entry.substring(0, entry.length() - 2));
            } else {
                c.add(entry);
            }
        }
        this.classes = Set.copyOf(c);
        this.packages = Set.copyOf(p);
        this.trees = Set.copyOf(t);
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
            throw new IllegalArgumentException("not a class or package pattern: \"" + entry
                    + "\" (use com.acme.Geo, com.acme.geo.* or com.acme.**)");
        }
        return stripped;
    }

    /** The entries of the allow-list, defaults first. */
    public List<String> entries() {
        return entries;
    }

    /** Whether a fully qualified class name is allowed. */
    public boolean allowsClass(String qualified) {
        String name = qualified.replace('$', '.');
        if (classes.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        // a nested class (java.util.Map.Entry) is allowed with its outer class
        if (dot > 0 && Character.isUpperCase(name.charAt(name.lastIndexOf('.', dot - 1) + 1)) && allowsClass(pkg)) {
            return true;
        }
        return packages.contains(pkg) || allowsPackageTree(pkg);
    }

    private boolean allowsPackageTree(String pkg) {
        for (String tree : trees) {
            if (pkg.equals(tree) || pkg.startsWith(tree + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Whether every class of a package may be imported with {@code pkg.*}. */
    boolean allowsWholePackage(String pkg) {
        return packages.contains(pkg) || allowsPackageTree(pkg);
    }

    /**
     * One violation.
     *
     * @param line the 1-based line in the checked text
     * @param column the 1-based column
     * @param what the name that was refused
     * @param message why
     */
    public record Violation(int line, int column, String what, String message) {
    }

    /** Every violation in one rule file's DRL text (a DRL file, or the DRL a decision table becomes). */
    public List<Violation> check(String drl) {
        String text = codeOnly(decodeUnicode(drl));
        List<Violation> found = new ArrayList<>();
        Set<String> imported = new HashSet<>();
        Set<String> wildcards = new LinkedHashSet<>();
        Set<String> declared = new HashSet<>();
        Matcher declare = DECLARE.matcher(text);
        while (declare.find()) {
            declared.add(declare.group(1));
        }
        Matcher imports = IMPORT.matcher(text);
        List<int[]> importSpans = new ArrayList<>();
        while (imports.find()) {
            importSpans.add(new int[] {imports.start(), imports.end()});
            String kind = imports.group(1);
            String name = imports.group(2);
            if (name.endsWith(".*")) {
                String pkg = name.substring(0, name.length() - 2);
                if (!allowsWholePackage(pkg) && !knownPackage(pkg)) {
                    found.add(violation(text, imports.start(2), name, "import of " + name
                            + " is outside the rules' allow-list"));
                }
                wildcards.add(pkg);
                continue;
            }
            String owner = "function".equals(kind) || "static".equals(kind)
                    ? name.substring(0, Math.max(0, name.lastIndexOf('.'))) : name;
            if (!allowsClass(owner)) {
                found.add(violation(text, imports.start(2), name, "import of " + name
                        + " is outside the rules' allow-list"));
            }
            imported.add(owner.substring(owner.lastIndexOf('.') + 1));
        }
        Matcher dotted = DOTTED.matcher(text);
        while (dotted.find()) {
            int start = dotted.start(1);
            if (insideAny(importSpans, start) || isPackageLine(text, start)) {
                continue;
            }
            String[] parts = dotted.group(1).split("\\s*\\.\\s*");
            String first = parts[0];
            if (ROOTS.contains(first) && parts.length > 1) {
                String qualified = qualifiedClass(parts);
                if (qualified != null && !allowsClass(qualified)) {
                    found.add(violation(text, start, qualified, qualified + " is outside the rules' allow-list"));
                    continue;
                }
                if (qualified == null && !allowsWholePackage(String.join(".", parts))) {
                    found.add(violation(text, start, String.join(".", parts), String.join(".", parts)
                            + " is outside the rules' allow-list"));
                    continue;
                }
            } else if (!first.isEmpty() && Character.isUpperCase(first.charAt(0)) && !imported.contains(first)
                    && !declared.contains(first)) {
                String refused = refusedSimpleName(first, wildcards);
                if (refused != null) {
                    found.add(violation(text, start, first, first + " (" + refused
                            + ") is outside the rules' allow-list"));
                    continue;
                }
            }
            for (int i = 1; i < parts.length; i++) {
                if (DENIED_MEMBERS.contains(parts[i])) {
                    found.add(violation(text, start, "." + parts[i], "." + parts[i]
                            + " reaches reflection, class loading, processes or threads; rules may not use it"));
                    break;
                }
            }
        }
        // a member after a call or an index: foo().getClass(), list[0].getClass()
        Matcher member = MEMBER.matcher(text);
        while (member.find()) {
            int before = member.start() - 1;
            while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
                before--;
            }
            if (before >= 0 && (text.charAt(before) == ')' || text.charAt(before) == ']')
                    && DENIED_MEMBERS.contains(member.group(1))) {
                found.add(violation(text, member.start(1), "." + member.group(1), "." + member.group(1)
                        + " reaches reflection, class loading, processes or threads; rules may not use it"));
            }
        }
        found.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return found;
    }

    /** The class a dotted name names: the segments up to the first capitalised one, or null if none is. */
    private static String qualifiedClass(String[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (Character.isUpperCase(parts[i].charAt(0))) {
                return String.join(".", java.util.Arrays.copyOfRange(parts, 0, i + 1));
            }
        }
        return null;
    }

    /** Why a capitalised simple name is refused, or null when it is not a class outside the allow-list. */
    private String refusedSimpleName(String name, Set<String> wildcards) {
        if (exists("java.lang." + name) && !allowsClass("java.lang." + name)) {
            return "java.lang." + name;
        }
        for (String pkg : wildcards) {
            if (exists(pkg + "." + name) && !allowsClass(pkg + "." + name)) {
                return pkg + "." + name;
            }
        }
        return null;
    }

    private static boolean knownPackage(String pkg) {
        return false;
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean insideAny(List<int[]> spans, int at) {
        for (int[] span : spans) {
            if (at >= span[0] && at < span[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPackageLine(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at) + 1;
        String head = text.substring(lineStart, at).strip();
        return head.equals("package");
    }

    private static Violation violation(String text, int at, String what, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Violation(line, at - lineStart + 1, what, message);
    }

    /** Decodes {@code \\uXXXX} escapes, as javac does before it reads a function's body. */
    static String decodeUnicode(String text) {
        Matcher m = UNICODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The text with comments and string/char literals blanked (same length, line breaks kept), so that a name in
     * a message or a comment is not read as code.
     */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/' || c == '#' && lineStartsWith(text, i)) {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                out.append("  ");
                i += 2;
                while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < n) {
                    out.append("  ");
                    i += 2;
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < n) {
                    out.append(text.charAt(i));
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean lineStartsWith(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return text.substring(lineStart, at).isBlank();
    }
}
