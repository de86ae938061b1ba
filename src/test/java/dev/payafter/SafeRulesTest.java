package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safe rules: a rule file that reaches outside the allow-list does not compile, with file and line. */
class SafeRulesTest {
    @TempDir
    Path temp;

    private static final String HEADER = "package eligibility;\n\nimport dev.payafter.facts.EligibilityFindings;\n\n";

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
    }

    @Test
    void aConsequenceCallingSystemExitIsRefusedWithItsLine() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/exit.drl", HEADER + "rule \"Exit\"\nwhen\n    $f : EligibilityFindings( )\n"
                + "then\n    System.exit(1); // System.exit in a comment is fine\n"
                + "    $f.fail(\"X\", \"Runtime.getRuntime() in a string is fine\");\nend\n");
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/exit.drl"));
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.message()).contains("java.lang.System").contains("allow-list");
        });
    }

    @Test
    void aFunctionReachingFilesEvenThroughUnicodeEscapesIsRefused() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/wipe.drl", HEADER + "import java.io.File;\n\n"
                + "function void wipe() {\n    new java.nio.file.Path[0].getClass();\n    \\u0053ystem.exit(1);\n}\n");
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).extracting(RuleProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("wipe.drl:5:8").contains("import of java.io.File"))
                .anySatisfy(p -> assertThat(p).contains("wipe.drl:8").contains("java.nio.file.Path"))
                .anySatisfy(p -> assertThat(p).contains("wipe.drl:8").contains(".getClass"))
                .anySatisfy(p -> assertThat(p).contains("wipe.drl:9").contains("java.lang.System"));
    }

    @Test
    void anMvelRuleUsingReflectionAndThreadsIsRefused() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/mvel.drl", HEADER + "rule \"Reflect\"\n    dialect \"mvel\"\nwhen\n"
                + "    $f : EligibilityFindings( )\nthen\n    $f.class.forName(\"java.lang.Runtime\");\n"
                + "    Thread t = new Thread();\n    java.net.Socket s = null;\nend\n");
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).extracting(RuleProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("mvel.drl:10").contains(".class"))
                .anySatisfy(p -> assertThat(p).contains("mvel.drl:11").contains("java.lang.Thread"))
                .anySatisfy(p -> assertThat(p).contains("mvel.drl:12").contains("java.net.Socket"));
    }

    @Test
    void aDecisionTableActionCellReachingARuntimeIsRefusedAtItsCell() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "refund/excluded-categories.drl.csv", "kuaishou,CUSTOM_MADE,true",
                "kuaishou,CUSTOM_MADE,\"Runtime.getRuntime().exec(\"\"rm\"\") != null\"");
        RuleCompilationException e = refused(rules);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("refund/excluded-categories.drl.csv"));
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("java.lang.Runtime");
        });
    }

    @Test
    void aHostWidensTheAllowListExplicitly() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/streams.drl", HEADER + "import java.util.stream.Collectors;\n\n"
                + "rule \"Joined\"\nwhen\n    $f : EligibilityFindings( )\n    eval( false )\nthen\n"
                + "    $f.note(\"J\", java.util.List.of(\"a\").stream().collect(Collectors.joining(\",\")));\nend\n");
        assertThat(refused(rules).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("java.util.stream.Collectors"));
        PayAfterEngine widened = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .allowRuleAccessTo("java.util.stream.**").build();
        assertThat(widened.ruleSet().files()).contains("eligibility/streams.drl");
        assertThatThrownBy(() -> PayAfterEngine.builder().allowRuleAccessTo("java.io.File; System"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.io.File; System");
    }
}
