package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoadingTest {
    @TempDir
    Path temp;

    private static PayAfterEngine load(Path rules) {
        return PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
    }

    private static RuleCompilationException refused(Path rules) {
        try {
            load(rules);
        } catch (RuleCompilationException e) {
            return e;
        }
        throw new AssertionError("the rule set at " + rules + " was accepted");
    }

    @Test
    void bundledRulesInTheJarAreTheRulesFolder() {
        PayAfterEngine bundled = PayAfterEngine.builder().profile("kuaishou").build();
        PayAfterEngine folder = load(TestRules.BUNDLED);
        assertThat(bundled.ruleSet().version()).isEqualTo(folder.ruleSet().version()).matches("[0-9a-f]{16}");
        assertThat(bundled.ruleSet().source()).isEqualTo("bundled");
        assertThat(bundled.ruleSet().files()).isEqualTo(folder.ruleSet().files())
                .contains("profiles.csv", "eligibility/eligibility-policy.drl.csv", "refund/fast-refund.drl")
                .noneMatch(f -> f.endsWith(".scenarios.csv") || f.endsWith(".md"));
        assertThat(bundled.ruleSet().profiles())
                .containsExactly("kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score", "alipay");
    }

    @Test
    void versionDependsOnRuleContentOnlyNotOnScenariosOrDocs() throws IOException {
        String original = load(TestRules.copyOfBundled(temp.resolve("a"))).ruleSet().version();

        Path docsChanged = TestRules.copyOfBundled(temp.resolve("b"));
        TestRules.write(docsChanged, "README.md", "changed");
        TestRules.write(docsChanged, "eligibility/kuaishou.scenarios.csv",
                "name,expected_outcome,expected_reasons\n");
        assertThat(load(docsChanged).ruleSet().version()).isEqualTo(original);

        Path thresholdChanged = TestRules.copyOfBundled(temp.resolve("c"));
        TestRules.replace(thresholdChanged, "eligibility/eligibility-policy.drl.csv",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        PayAfterEngine stricter = load(thresholdChanged);
        assertThat(stricter.ruleSet().version()).isNotEqualTo(original);
        assertThat(stricter.decide(Requests.zhima(599, "10.00")).reasonCodes()).containsExactly("SCORE_BELOW_MINIMUM");
        assertThat(stricter.decide(Requests.zhima(600, "10.00")).eligible()).isTrue();

        Files.delete(temp.resolve("a/rules/README.md"));
        assertThat(load(temp.resolve("a/rules")).ruleSet().version()).isEqualTo(original);
    }

    @Test
    void drlSyntaxErrorsAreListedWithFileOnDiskLineAndColumn() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/consumer-standing.drl", "EligibilityRequest( consumer.revokedForAbuse == true )",
                "EligibilityRequest( consumer.revokedForAbuse == true");
        TestRules.write(rules, "refund/broken.drl", "package refund;\n\nrule \"Half a rule\"\nwhen\n    Foo( \nthen\nend\n");

        RuleCompilationException error = refused(rules);

        assertThat(error.problems()).extracting(p -> p.file().toString())
                .contains(rules.resolve("eligibility/consumer-standing.drl").toString(),
                        rules.resolve("refund/broken.drl").toString());
        assertThat(error.problems()).allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.message()).isNotBlank();
        });
        assertThat(error.getMessage()).contains("consumer-standing.drl:").contains("broken.drl:");
    }

    @Test
    void aTypeErrorInARuleIsReported() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/consumer-standing.drl", "EligibilityRequest( consumer.revokedForAbuse == true )",
                "EligibilityRequest( noSuchField == true )");
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/consumer-standing.drl"));
            assertThat(p.message()).contains("noSuchField");
        });
    }

    @Test
    void aTableThatDroolsWouldSkipSilentlyIsAnError() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/thresholds.csv", "profile,minimum\nkuaishou,600\n");
        TestRules.write(rules, "refund/notes.txt", "just notes");
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems().get(0).file()).isEqualTo(rules.resolve("eligibility/thresholds.csv"));
        assertThat(error.problems().get(0).message()).contains("*.drl.csv").contains("skip this one silently");
        assertThat(error.problems().get(1).file()).isEqualTo(rules.resolve("refund/notes.txt"));
    }

    @Test
    void aBadCellInADecisionTableNamesTheTableAndRow() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300",
                "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,three hundred");
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/eligibility-policy.drl.csv"));
            assertThat(p.line()).isEqualTo(14);
            assertThat(p.message()).startsWith("row 14: ");
        });
    }

    @Test
    void anEffectiveDateThatIsNotIsoIsRefusedWithItsRow() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300",
                "jd,ECOMMERCE_GOODS,2026-4-1,,JD_XIAOBAI,300");
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/eligibility-policy.drl.csv"));
            assertThat(p.line()).isEqualTo(14);
            assertThat(p.message()).isEqualTo("row 14: \"2026-4-1\" is not a date like 2026-04-01");
        });
    }

    @Test
    void aPackageThatDoesNotFollowItsFolderIsRefused() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "refund/premium-buyer.drl", "package refund;", "package eligibility;");
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("refund/premium-buyer.drl"));
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("\"eligibility\"").contains("must be \"refund\"");
        });
    }

    @Test
    void rulesOutsideTheDecisionFoldersAndAMissingProfileListAreRefused() throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "pricing/discounts.drl", "package pricing;\n");
        Files.delete(rules.resolve("profiles.csv"));
        RuleCompilationException error = refused(rules);
        assertThat(error.problems()).extracting(RuleProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("pricing/discounts.drl").contains("belong directly in"))
                .anySatisfy(p -> assertThat(p).contains("profiles.csv").contains("missing"));
    }

    @Test
    void editorLockFilesAreIgnored() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/.~lock.eligibility-policy.drl.csv#", "locked");
        assertThat(load(rules).ruleSet().files()).noneMatch(f -> f.contains("lock"));
    }

    @Test
    void anUnknownOrMissingProfileIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> PayAfterEngine.builder().profile("taobao").build())
                .isInstanceOf(PayAfterException.class)
                .hasMessageContaining("\"taobao\"").hasMessageContaining("kuaishou").hasMessageContaining("alipay");
        assertThatThrownBy(() -> PayAfterEngine.builder().build())
                .isInstanceOf(PayAfterException.class).hasMessageContaining(".profile(");
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(temp.resolve("nowhere")).profile("kuaishou").build())
                .isInstanceOf(PayAfterException.class).hasMessageContaining("nowhere");
    }
}
