package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.live.ReloadResult;
import dev.payafter.tools.AnalystCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe rules (issue "Trust under attack", sections 1 and 2): whatever Java a rule file spells, the bytecode it compiles
 * to is checked against the allow-list, and a rule that reaches outside it, or reaches the engine's runtime, is
 * refused at its file and line by the engine, by a reload and by the analysts' {@code validate}; none of its code ever
 * runs (a marker file it would write never appears), and the rules serving keep deciding as before.
 */
class SafeRulesTest {
    @TempDir
    Path temp;
    private Path marker;
    private String write;

    private static final String HEADER = "package eligibility;\n\nimport dev.payafter.facts.EligibilityFindings;\n"
            + "import dev.payafter.eligibility.EligibilityRequest;\n\n";

    /** One hostile rule file, and where and how its refusal must be reported. */
    private record Attack(String file, String text, int line, String... words) {
    }

    @BeforeEach
    void marker() {
        marker = temp.resolve("pwned");
        // the payload every attack carries where it can: a file written on the host
        write = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker.toString().replace("\\", "/")
                + "\"), \"x\")";
    }

    private String rule(String name, String when, String then) {
        return HEADER + "rule \"" + name + "\"\nwhen\n    $f : EligibilityFindings( )\n" + when + "then\n" + then
                + "end\n";
    }

    /** Attacks whose files compile: the refusal comes from the bytecode check, one build for all of them. */
    private List<Attack> compilingAttacks() {
        List<Attack> attacks = new ArrayList<>();
        // class 1: forbidden owners called from a consequence, spelled several ways
        attacks.add(new Attack("eligibility/a-exit.drl", rule("Exit", "", "    System.exit(1);\n"), 10,
                "java.lang.System.exit", "allow-list", "rule \"Exit\""));
        attacks.add(new Attack("eligibility/a-exec.drl", rule("Exec", "",
                "    try { Runtime.getRuntime().exec(\"touch x\"); } catch (Exception e) { }\n"), 10,
                "java.lang.Runtime.getRuntime"));
        attacks.add(new Attack("eligibility/a-files.drl", rule("Files", "", "    try { " + write
                + "; } catch (Exception e) { }\n"), 10, "java.nio.file.Files.writeString"));
        attacks.add(new Attack("eligibility/a-unicode.drl", rule("Unicode", "", "    \\u0053ystem.exit(2);\n"), 10,
                "java.lang.System.exit"));
        attacks.add(new Attack("eligibility/a-thread.drl", rule("Thread", "",
                "    new Thread(() -> { }).start();\n"), 10, "new java.lang.Thread"));
        attacks.add(new Attack("eligibility/a-process.drl", rule("Process", "",
                "    try { new ProcessBuilder(\"sh\").start(); } catch (Exception e) { }\n"), 10,
                "new java.lang.ProcessBuilder"));
        // class 2: reflection from an allowed object, however the member is spelled
        attacks.add(new Attack("eligibility/b-getclass.drl", rule("Literal getClass", "",
                "    $f.fail(\"X\", \"\".getClass().getName());\n"), 10, "getClass", "reflection"));
        attacks.add(new Attack("eligibility/b-typeargs.drl", rule("Type arguments", "",
                "    $f.fail(\"X\", java.util.Objects.<Object>requireNonNull($f).getClass().toString());\n"), 10,
                "getClass"));
        attacks.add(new Attack("eligibility/b-methodref.drl", rule("Method reference", "",
                "    java.util.function.Function<Object, Object> f = Object::getClass;\n    $f.fail(\"X\", \"\" + f.apply($f));\n"),
                10, "java.lang.Object::getClass"));
        attacks.add(new Attack("eligibility/b-classliteral.drl", rule("Class literal", "",
                "    $f.fail(\"X\", String.valueOf(Runtime.class));\n"), 10, "java.lang.Runtime"));
        attacks.add(new Attack("eligibility/b-declaring.drl", rule("Enum declaring class", "",
                "    $f.fail(\"X\", java.math.RoundingMode.UP.getDeclaringClass().getName());\n"), 10,
                "getDeclaringClass"));
        // class 3: code where a text check could not read it
        attacks.add(new Attack("eligibility/c-textblock.drl", rule("Text block", "",
                "    String s = \"\"\"\n        a \"\"\"; System.exit(3);\n    $f.fail(\"X\", s);\n"), 11,
                "java.lang.System.exit"));
        attacks.add(new Attack("eligibility/c-lambda.drl", rule("Lambda", "",
                "    java.util.List.of(1, 2).forEach(x -> System.out.println(x));\n"), 10, "java.lang.System.out"));
        attacks.add(new Attack("eligibility/c-anonymous.drl", rule("Anonymous class", "",
                "    $f.fail(\"X\", new Object() { public String toString() { System.exit(4); return \"a\"; } }.toString());\n"),
                10, "java.lang.System.exit"));
        attacks.add(new Attack("eligibility/c-function.drl", HEADER
                + "function void wipe() {\n    try { " + write + "; } catch (Exception e) { }\n}\n", 7,
                "java.nio.file.Files.writeString", "function \"wipe\""));
        attacks.add(new Attack("eligibility/c-constraint.drl", rule("Constraint",
                "    EligibilityRequest( orderId == System.getProperty(\"user.home\") )\n", "    $f.fail(\"X\", \"y\");\n"),
                9, "java.lang.System.getProperty"));
        attacks.add(new Attack("eligibility/c-eval.drl", rule("Eval",
                "    eval( Runtime.getRuntime().availableProcessors() > 0 )\n", "    $f.fail(\"X\", \"y\");\n"), 9,
                "java.lang.Runtime.getRuntime"));
        attacks.add(new Attack("eligibility/c-salience.drl", HEADER + "rule \"Salience\"\n    salience ( Runtime.getRuntime()"
                + ".availableProcessors() )\nwhen\n    $f : EligibilityFindings( )\nthen\n    $f.fail(\"X\", \"y\");\nend\n",
                7, "java.lang.Runtime.getRuntime"));
        // class 4: the engine's runtime (section 2)
        attacks.add(new Attack("eligibility/d-removerule.drl", rule("Remove rule", "",
                "    drools.getKieRuntime().getKieBase().removeRule(\"eligibility\", \"Score below the profile's minimum\");\n"),
                10, "getKieRuntime", "rule \"Remove rule\""));
        attacks.add(new Attack("eligibility/d-kcontext.drl", rule("Kcontext", "",
                "    kcontext.getKieRuntime().halt();\n"), 10, "getKieRuntime"));
        attacks.add(new Attack("eligibility/d-halt.drl", rule("Halt", "", "    drools.halt();\n"), 10,
                "org.drools.model.Drools.halt"));
        attacks.add(new Attack("eligibility/d-entrypoint.drl", rule("Entry point", "",
                "    drools.getEntryPoint(\"other\").insert(\"x\");\n"), 10, "org.drools.model.Drools.getEntryPoint"));
        attacks.add(new Attack("eligibility/d-global.drl", HEADER + "global java.util.List sink;\n\nrule \"Global\"\nwhen\n"
                + "    $f : EligibilityFindings( )\nthen\n    sink.add($f);\nend\n", 6, "global \"sink\"",
                "is not one the engine sets"));
        // the engine's own global names, with a type of the rules' choosing: they would receive the engine's object
        attacks.add(new Attack("eligibility/d-global2.drl", HEADER + "global java.util.List findings;\n\nrule \"Global 2\"\n"
                + "when\n    EligibilityRequest( )\nthen\nend\n", 6, "global \"findings\"", "is declared as java.util.List"));
        attacks.add(new Attack("refund/d-global3.drl", "package refund;\n\nimport dev.payafter.facts.EligibilityPolicy;\n\n"
                + "global EligibilityPolicy policy;\n\nrule \"Global 3\"\nwhen\n    dev.payafter.refund.RefundRequest( )\n"
                + "then\nend\n", 5, "global \"policy\"", "the engine sets it to a dev.payafter.facts.RefundPolicy"));
        attacks.add(new Attack("deduction/d-global4.drl", "package deduction;\n\nglobal java.lang.Object now;\n\n"
                + "rule \"Global 4\"\nwhen\n    dev.payafter.deduction.DeductionRequest( )\nthen\nend\n", 3,
                "global \"now\"", "dev.payafter.facts.Now"));
        // class 5: the wall clock, system properties, locks, shared static state
        attacks.add(new Attack("eligibility/e-clock.drl", rule("Wall clock", "",
                "    $f.fail(\"X\", java.time.LocalDate.now().toString());\n"), 10, "now", "wall clock"));
        attacks.add(new Attack("eligibility/e-clock2.drl", rule("Clock", "",
                "    $f.fail(\"X\", java.time.Clock.systemUTC().toString());\n"), 10, "java.time.Clock"));
        attacks.add(new Attack("eligibility/e-property.drl", rule("Property", "",
                "    $f.fail(\"X\", \"\" + Integer.getInteger(\"x\"));\n"), 10, "getInteger", "system properties"));
        attacks.add(new Attack("eligibility/e-lock.drl", rule("Lock", "",
                "    synchronized (\"lock\") { $f.fail(\"X\", \"y\"); }\n"), 10, "synchronized"));
        attacks.add(new Attack("eligibility/e-wait.drl", rule("Wait", "",
                "    try { $f.wait(1); } catch (Exception e) { }\n"), 10, "wait"));
        return attacks;
    }

    private Path rulesWith(List<Attack> attacks) {
        Path rules = TestRules.copyOfBundled(temp);
        for (Attack attack : attacks) {
            TestRules.write(rules, attack.file(), attack.text());
        }
        return rules;
    }

    private static RuleCompilationException refused(Path rules, String... allowed) {
        try {
            PayAfterEngine.builder().rules(rules).profile("kuaishou").allowRuleAccessTo(allowed).build();
        } catch (RuleCompilationException e) {
            return e;
        }
        throw new AssertionError("the rule set at " + rules + " was accepted");
    }

    @Test
    void theBundledRulesAreSafe() {
        assertThat(PayAfterEngine.builder().profile("kuaishou").build().ruleSet().files()).isNotEmpty();
        PayAfterEngine.builder().rules(TestRules.BUNDLED).profile("kuaishou").build().close();
    }

    @Test
    void everyAttackIsRefusedAtItsFileAndLineAndNoneOfItsCodeRuns() {
        List<Attack> attacks = compilingAttacks();
        Path rules = rulesWith(attacks);
        RuleCompilationException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refused(rules));
        for (Attack attack : attacks) {
            assertThat(e.problems()).as(attack.file())
                    .anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo(rules.resolve(attack.file()));
                        if (attack.line() > 0) {
                            assertThat(p.line()).isEqualTo(attack.line());
                        }
                        for (String word : attack.words()) {
                            assertThat(p.message()).contains(word);
                        }
                    });
        }
        assertThat(e.problems()).noneSatisfy(p -> assertThat(p.file().toString()).doesNotContain("/rules/eligibility/")
                .doesNotContain("/rules/refund/").doesNotContain("/rules/deduction/"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void theAnalystToolRefusesTheSameFilesAndRunsNoneOfThem() {
        Path rules = rulesWith(compilingAttacks().subList(0, 4));
        for (String command : List.of("validate", "test")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = AnalystCli.run(new String[] {command, rules.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed).isNotZero();
            assertThat(printed).contains("a-exit.drl:10").contains("java.lang.System.exit")
                    .contains("a-files.drl:10").contains("java.nio.file.Files.writeString");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void decisionTableCellsAndFunctionsAreCheckedToo() {
        Path rules = TestRules.copyOfBundled(temp);
        // two ACTION cells: whether a category is excluded, and the premium buyer's disputes
        TestRules.replace(rules, "refund/excluded-categories.drl.csv", "kuaishou,CUSTOM_MADE,true",
                "kuaishou,CUSTOM_MADE,\"java.lang.Runtime.getRuntime().availableProcessors() > 0\"");
        String policy = read(rules.resolve("refund/fast-refund-policy.drl.csv"));
        String firstRow = policy.lines().filter(l -> l.startsWith("kuaishou,")).findFirst().orElseThrow();
        assertThat(firstRow).contains(",20,0,");
        TestRules.replace(rules, "refund/fast-refund-policy.drl.csv", firstRow,
                firstRow.replace(",20,0,", ",20,java.lang.Runtime.getRuntime().availableProcessors(),"));
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("refund/excluded-categories.drl.csv"));
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("java.lang.Runtime.getRuntime");
        });
        int row = policy.lines().toList().indexOf(firstRow) + 1;
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("refund/fast-refund-policy.drl.csv"));
            assertThat(p.line()).isEqualTo(row);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).contains("java.lang.Runtime.getRuntime");
        });
    }

    @Test
    void aSyntaxErrorElsewhereDoesNotHideAnUnsafeRule() {
        Path rules = rulesWith(compilingAttacks().subList(0, 1));
        TestRules.write(rules, "eligibility/broken.drl", HEADER + "rule \"Broken\"\nwhen\n    $f : EligibilityFindings(\n"
                + "then\n    $f.fail(\"X\", \"y\");\nend\n");
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo(rules.resolve("eligibility/broken.drl")))
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(rules.resolve("eligibility/a-exit.drl"));
                    assertThat(p.line()).isEqualTo(10);
                    assertThat(p.message()).contains("java.lang.System.exit");
                });
    }

    @Test
    void mvelCodeIsCompiledToCheckedBytecodeOrRefused() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/mvel-exit.drl", HEADER + "rule \"Mvel exit\"\n    dialect \"mvel\"\nwhen\n"
                + "    $f : EligibilityFindings( )\nthen\n    System.exit(1);\nend\n");
        assertThat(refused(rules).problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/mvel-exit.drl"));
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.message()).contains("java.lang.System.exit");
        });
        // MVEL's class-literal reflection: the MVEL compiler cannot translate it, so it never compiles
        TestRules.write(rules, "eligibility/mvel-exit.drl", HEADER + "rule \"Mvel forName\"\n    dialect \"mvel\"\nwhen\n"
                + "    $f : EligibilityFindings( )\nthen\n    $f.fail(\"X\", \"\".class.forName(\"java.lang.Runtime\").getName());\nend\n");
        assertThat(refused(rules).problems()).anySatisfy(p ->
                assertThat(p.file()).isEqualTo(rules.resolve("eligibility/mvel-exit.drl")));
        assertThat(marker).doesNotExist();
    }

    @Test
    void aReloadOfUnsafeRulesIsRejectedAndOtherConsumersDecideAsBefore() {
        Path rules = TestRules.copyOfBundled(temp);
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build()) {
            EligibilityDecision before = engine.decide(Requests.zhima(540, "199.00"));
            String version = engine.ruleSet().version();
            TestRules.write(rules, "eligibility/remove.drl", rule("Remove the minimum", "",
                    "    drools.getKieRuntime().getKieBase().removeRule(\"eligibility\", \"Score below the profile's minimum\");\n"));
            ReloadResult result = engine.reload();
            assertThat(result.status()).isEqualTo(ReloadResult.Status.REJECTED);
            assertThat(String.join("\n", result.problems())).contains("remove.drl:10").contains("getKieRuntime");
            assertThat(engine.ruleSet().version()).isEqualTo(version);
            for (int i = 0; i < 3; i++) {
                EligibilityDecision after = engine.decide(Requests.zhima(540, "199.00"));
                assertThat(after.outcome()).isEqualTo(before.outcome());
                assertThat(after.reasons()).isEqualTo(before.reasons());
            }
        }
    }

    @Test
    void rulesUsingOnlyAllowedJavaCompileAndDecide() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/allowed.drl", HEADER + "import java.math.BigDecimal;\n\ndeclare Note\n"
                + "    text : String\nend\n\nfunction String label(BigDecimal amount) {\n"
                + "    return String.format(\"%s yuan\", amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());\n}\n\n"
                + "rule \"Notes the amount\"\nwhen\n    $f : EligibilityFindings( )\n"
                + "    $r : EligibilityRequest( $amount : amount, amount.compareTo(BigDecimal.ZERO) > 0 )\nthen\n"
                + "    java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(\"a\", \"b\"));\n"
                + "    parts.sort(java.util.Comparator.reverseOrder());\n"
                + "    StringBuilder text = new StringBuilder();\n    parts.forEach(p -> text.append(p));\n"
                + "    Note note = new Note(label($amount) + \" \" + text + \" \" + java.time.LocalDate.of(2026, 1, 1).plusDays(1));\n"
                + "    $f.note(\"AMOUNT_NOTED\", note.getText());\nend\n");
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build()) {
            EligibilityDecision decision = engine.decide(Requests.zhima(600, "199.00"));
            assertThat(decision.trace().firedRules()).contains("Notes the amount");
        }
    }

    @Test
    void aHostWidensTheAllowListExplicitly() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/streams.drl", HEADER + "import java.util.stream.Collectors;\n\n"
                + "rule \"Joined\"\nwhen\n    $f : EligibilityFindings( )\n    eval( false )\nthen\n"
                + "    $f.note(\"J\", java.util.List.of(\"a\").stream().collect(Collectors.joining(\",\")));\nend\n");
        assertThat(refused(rules).problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/streams.drl"));
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.message()).contains("java.util.stream.");
        });
        PayAfterEngine widened = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .allowRuleAccessTo("java.util.stream.**").build();
        assertThat(widened.ruleSet().files()).contains("eligibility/streams.drl");
        // a host cannot allow reflection or the runtime back in by widening
        TestRules.write(rules, "eligibility/streams.drl", rule("Reflect", "", "    $f.fail(\"X\", $f.getClass().getName());\n"));
        assertThat(refused(rules, "java.lang.**", "org.drools.**", "org.kie.**").problems())
                .anySatisfy(p -> assertThat(p.message()).contains("getClass"));
        assertThatThrownBy(() -> PayAfterEngine.builder().allowRuleAccessTo("java.io.File; System"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.io.File; System");
    }

    @Test
    void aLongFileOfForbiddenLinesIsCheckedInLinearTime() {
        Path rules = TestRules.copyOfBundled(temp);
        StringBuilder file = new StringBuilder(HEADER);
        for (int r = 0; r < 5; r++) {
            file.append("rule \"Long ").append(r).append("\"\nwhen\n    $f : EligibilityFindings( )\nthen\n");
            for (int i = 0; i < 400; i++) {
                file.append("    System.exit(").append(r * 1000 + i).append(");\n");
            }
            file.append("end\n");
        }
        TestRules.write(rules, "eligibility/long.drl", file.toString());
        RuleCompilationException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refused(rules));
        assertThat(e.problems()).hasSize(2_000).allSatisfy(p -> assertThat(p.message()).contains("System.exit"));
        // each refused call at its own line
        assertThat(e.problems().stream().map(RuleProblem::line).distinct().count()).isEqualTo(2_000);
    }

    @Test
    void aRuleOrFileTooLargeToCompileIsRefusedBeforeTheCompilerSeesIt() {
        Path rules = TestRules.copyOfBundled(temp);
        StringBuilder huge = new StringBuilder();
        for (int i = 0; huge.length() < 3_500_000; i++) {
            huge.append("    System.exit(").append(i).append(");\n");
        }
        TestRules.write(rules, "eligibility/huge.drl", rule("Huge", "", huge.toString()));
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= 5_000; i++) {
            many.append("rule \"R").append(i).append("\"\nwhen\n    $f : EligibilityFindings( )\nthen\nend\n");
        }
        TestRules.write(rules, "eligibility/many.drl", many.toString());
        RuleCompilationException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refused(rules));
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/huge.drl"));
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("at most 500 lines");
        }).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/many.drl"));
            assertThat(p.message()).contains("more than 5000 rules");
        });
    }

    @Test
    void aRuleFileNamedWithControlCharactersIsPrintedEscaped() {
        Path rules = TestRules.copyOfBundled(temp);
        String name = "eligibility/exit\n\u001b[31mOK.drl";
        TestRules.write(rules, name, rule("Exit", "", "    System.exit(1);\n"));
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.toString()).contains("exit\\n\\u001b[31mOK.drl:10:5")
                .doesNotContain("\n").doesNotContain("\u001b"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AnalystCli.run(new String[] {"validate", rules.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(printed).contains("exit\\n\\u001b[31mOK.drl:10:5").doesNotContain("\u001b");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
