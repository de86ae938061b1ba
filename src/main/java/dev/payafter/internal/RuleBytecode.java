package dev.payafter.internal;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads the classes a rule-set build generated and reports every instruction that reaches outside the
 * {@link RuleAccessPolicy}: method calls, field reads and writes, {@code new}, casts, class literals, catch types,
 * superclasses, method handles and {@code invokedynamic} bootstraps. It also tells where each generated class and
 * method came from (a rule, a function, a declared type), so that a refusal is reported at the rule file. One pass
 * over the bytes: linear in the size of the build.
 */
final class RuleBytecode {
    /** The bootstraps javac and ECJ use for lambdas and string concatenation: nothing else may be invokedynamic'd. */
    private static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants");
    private static final String RULE_DSL = "org/drools/modelcompiler/dsl/pattern/D";

    private RuleBytecode() {
    }

    /**
     * One refused instruction.
     *
     * @param className the generated class it is in (internal name)
     * @param method the method it is in
     * @param what the member or type, in Java terms ({@code java.lang.System.exit}, {@code new java.lang.Thread})
     * @param token the word to look for in the rule's text ({@code exit}, {@code Thread})
     * @param why why it is refused
     */
    record Refusal(String className, String method, String what, String token, String why) {
        String message() {
            return what + " " + why;
        }
    }

    /** Where generated code came from: a rule (by name) or a function or declared type (by name), in a package. */
    record Origin(String kind, String pkg, String name) {
    }

    /** Every refusal in {@code classes} (internal name to bytes), in class then instruction order. */
    static List<Refusal> check(Map<String, byte[]> classes, RuleAccessPolicy policy) {
        List<Refusal> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(classes).entrySet()) {
            new ClassReader(entry.getValue()).accept(new Checker(entry.getKey(), classes.keySet(), policy, found),
                    ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return found;
    }

    /**
     * Where each generated class and method comes from: the rule whose definition method ({@code rule_...} calling
     * the model's {@code D.rule(package, name)}) refers to it, directly or through another generated class; a
     * method named as one of {@code functions} (they are static methods of the package's model class); a class
     * named as one of {@code types}. Keys are {@code class} and {@code class#method}.
     */
    static Map<String, Origin> origins(Map<String, byte[]> classes, Set<String> functions, Set<String> types) {
        Map<String, String> ruleOfMethod = new HashMap<>();
        Map<String, Set<String>> refsOfMethod = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            new ClassReader(entry.getValue()).accept(new Mapper(entry.getKey(), classes.keySet(), ruleOfMethod,
                    refsOfMethod), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        Map<String, Origin> origins = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (Map.Entry<String, Set<String>> method : refsOfMethod.entrySet()) {
            String key = method.getKey();
            String cls = key.substring(0, key.indexOf('#'));
            String name = key.substring(key.indexOf('#') + 1);
            String pkg = packageOf(cls);
            String rule = ruleOfMethod.get(key);
            if (rule == null && name.startsWith("lambda$")) {
                // javac and ECJ name a lambda's body after the method it is written in: lambda$rule_X$3
                String enclosing = name.substring("lambda$".length());
                int end = enclosing.indexOf('$');
                rule = ruleOfMethod.get(cls + "#" + (end < 0 ? enclosing : enclosing.substring(0, end)));
            }
            Origin origin = rule != null ? new Origin("rule", pkg, rule)
                    : functions.contains(pkg + "/" + name) && cls.indexOf('/') == cls.lastIndexOf('/')
                            ? new Origin("function", pkg, name) : null;
            if (origin != null) {
                origins.put(key, origin);
                work.add(key);
            }
        }
        for (String cls : classes.keySet()) {
            String simple = cls.substring(cls.lastIndexOf('/') + 1);
            String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            if (types.contains(packageOf(cls) + "/" + outer)) {
                origins.put(cls, new Origin("type", packageOf(cls), outer));
            }
        }
        // a lambda class referred to by a rule's method, or by another class of that rule, is that rule's (the model's
        // own classes, which every rule refers to, are not)
        Map<String, List<String>> methodsOfClass = new HashMap<>();
        for (String method : refsOfMethod.keySet()) {
            methodsOfClass.computeIfAbsent(method.substring(0, method.indexOf('#')), k -> new ArrayList<>()).add(method);
        }
        while (!work.isEmpty()) {
            String key = work.poll();
            Origin origin = origins.get(key);
            for (String referenced : refsOfMethod.getOrDefault(key, Set.of())) {
                String simple = referenced.substring(referenced.lastIndexOf('/') + 1);
                if (simple.startsWith("Rules") || simple.startsWith("DomainClassesMetadata")
                        || origins.putIfAbsent(referenced, origin) != null) {
                    continue;
                }
                for (String method : methodsOfClass.getOrDefault(referenced, List.of())) {
                    if (origins.putIfAbsent(method, origin) == null) {
                        work.add(method);
                    }
                }
            }
        }
        return origins;
    }

    /** The origin of a refusal: its method's, else its class's, else its outer class's. */
    static Origin originOf(Map<String, Origin> origins, String cls, String method) {
        Origin origin = origins.get(cls + "#" + method);
        if (origin == null) {
            origin = origins.get(cls);
        }
        if (origin == null && cls.contains("$")) {
            String outer = cls.substring(0, cls.indexOf('$'));
            origin = origins.get(outer);
        }
        return origin;
    }

    static String packageOf(String internalName) {
        int slash = internalName.indexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    private static String javaName(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String simpleName(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }

    /** The class an array or object descriptor names, or null for primitives. */
    private static String elementClass(Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        return element.getSort() == Type.OBJECT ? element.getInternalName() : null;
    }

    private static final class Checker extends ClassVisitor {
        private final String cls;
        private final Set<String> generated;
        private final RuleAccessPolicy policy;
        private final List<Refusal> found;

        Checker(String cls, Set<String> generated, RuleAccessPolicy policy, List<Refusal> found) {
            super(Opcodes.ASM9);
            this.cls = cls;
            this.generated = generated;
            this.policy = policy;
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            if (superName != null) {
                type(superName, "<class>", "extends");
            }
            for (String itf : interfaces == null ? new String[0] : interfaces) {
                type(itf, "<class>", "implements");
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String method = name;
            boolean initialiser = name.equals("<clinit>");
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean itf) {
                    member(method, owner, member, member.equals("<init>") ? "new " + javaName(owner)
                            : javaName(owner) + "." + member);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                    if (opcode == Opcodes.PUTSTATIC && !initialiser) {
                        refuse(method, javaName(owner) + "." + member, member, "is a static field: rules may not keep"
                                + " state shared by every decision");
                        return;
                    }
                    member(method, owner, member, javaName(owner) + "." + member);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    String element = elementClass(Type.getObjectType(type));
                    if (element != null) {
                        type(element, method, opcode == Opcodes.NEW ? "new" : "type");
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                    String element = elementClass(Type.getType(descriptor));
                    if (element != null) {
                        type(element, method, "type");
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type type) {
                        String element = type.getSort() == Type.METHOD ? null : elementClass(type);
                        if (type.getSort() == Type.METHOD) {
                            refuse(method, "a method type constant", "class", "reaches reflection; rules may not use it");
                        } else if (element != null) {
                            type(element, method, "class literal");
                        }
                    } else if (value instanceof Handle || value instanceof ConstantDynamic) {
                        refuse(method, "a method handle constant", "class", "reaches reflection; rules may not use it");
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... args) {
                    String bsm = bootstrap.getOwner() + "." + bootstrap.getName();
                    if (!BOOTSTRAPS.contains(bsm)) {
                        refuse(method, "invokedynamic " + javaName(bsm), bootstrap.getName(),
                                "is outside the rules' allow-list");
                        return;
                    }
                    for (Object arg : args) {
                        if (arg instanceof Handle handle) {
                            String what = javaName(handle.getOwner()) + "::" + handle.getName();
                            member(method, handle.getOwner(), handle.getName(), what);
                        } else if (arg instanceof ConstantDynamic) {
                            refuse(method, "a dynamic constant", "class", "reaches reflection; rules may not use it");
                        }
                    }
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type != null) {
                        type(type, method, "catch");
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        refuse(method, "a synchronized block", "synchronized", "locks a monitor; rules may not lock");
                    }
                }
            };
        }

        private void member(String method, String owner, String member, String what) {
            if (owner.startsWith("[")) {
                return; // clone() and length of an array
            }
            String why = policy.refusal(owner, member, generated.contains(owner));
            if (why != null) {
                refuse(method, what, member.equals("<init>") ? simpleName(owner) : member, why);
            }
        }

        private void type(String owner, String method, String how) {
            String why = policy.typeRefusal(owner, generated.contains(owner));
            if (why != null) {
                refuse(method, (how.equals("type") || how.equals("<class>") ? "" : how + " ") + javaName(owner),
                        simpleName(owner), why);
            }
        }

        private void refuse(String method, String what, String token, String why) {
            found.add(new Refusal(cls, method, what, token, why));
        }
    }

    /** Collects, per method, the rule it defines ({@code D.rule(pkg, name)}) and the generated classes it refers to. */
    private static final class Mapper extends ClassVisitor {
        private final String cls;
        private final Set<String> generated;
        private final Map<String, String> ruleOfMethod;
        private final Map<String, Set<String>> refsOfMethod;

        Mapper(String cls, Set<String> generated, Map<String, String> ruleOfMethod,
                Map<String, Set<String>> refsOfMethod) {
            super(Opcodes.ASM9);
            this.cls = cls;
            this.generated = generated;
            this.ruleOfMethod = ruleOfMethod;
            this.refsOfMethod = refsOfMethod;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String key = cls + "#" + name;
            Set<String> refs = refsOfMethod.computeIfAbsent(key, k -> new LinkedHashSet<>());
            return new MethodVisitor(Opcodes.ASM9) {
                private String lastString;

                private void ref(String owner) {
                    if (generated.contains(owner) && !owner.equals(cls)) {
                        refs.add(owner);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof String s) {
                        lastString = s;
                    } else if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                        ref(type.getInternalName());
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean itf) {
                    if (owner.equals(RULE_DSL) && member.equals("rule") && lastString != null
                            && !ruleOfMethod.containsKey(key)) {
                        ruleOfMethod.put(key, lastString);
                    }
                    ref(owner);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                    ref(owner);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    ref(type);
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... args) {
                    for (Object arg : args) {
                        if (arg instanceof Handle handle) {
                            ref(handle.getOwner());
                        }
                    }
                }
            };
        }
    }
}
