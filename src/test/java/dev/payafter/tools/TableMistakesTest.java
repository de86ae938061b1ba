package dev.payafter.tools;

import static dev.payafter.tools.AnalystCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.TestRules;
import dev.payafter.tools.AnalystCliTest.Run;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, point 1: a table edit cannot switch a check off silently. Each mistake an analyst can make in a
 * table is refused by validate (exit 1) at its cell, and the engine refuses to load such a rule set.
 */
class TableMistakesTest {
    static final String POLICY = "eligibility/eligibility-policy.drl.csv";
    static final String KUAISHOU_ROW = "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0";

    @TempDir
    Path temp;

    /** A blank cell in a column not marked (optional): each refused at its cell, by validate and by the engine. */
    static Stream<Arguments> blankCells() {
        return Stream.of(
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,,,,,0", ":11:6",
                        "\"Minimum score\" is blank in row 11"),
                Arguments.of(POLICY, "tmall,ECOMMERCE_GOODS,,,ZHIMA,550,,,7,0", "tmall,,,,ZHIMA,550,,,7,0", ":12:2",
                        "\"Scenario\" is blank in row 12"),
                Arguments.of(POLICY, "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300,,true,,0",
                        "jd,ECOMMERCE_GOODS,,,,300,,true,,0", ":14:5", "\"Score provider\" is blank in row 14"),
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,,,,", ":11:10",
                        "\"Max overdue unpaid orders\" is blank"),
                Arguments.of(POLICY, KUAISHOU_ROW, ",ECOMMERCE_GOODS,,,ZHIMA,550,,,,0", ":11:1",
                        "\"Profile\" is blank"),
                Arguments.of("refund/fast-refund-policy.drl.csv", "kuaishou,,,300.00,10", "kuaishou,,,,10", ":11:4",
                        "\"Paid amount must be under (yuan)\" is blank"),
                Arguments.of("deduction/deduction-policy.drl.csv", "kuaishou,GOODS,,,ON_RECEIPT,10,,true",
                        "kuaishou,GOODS,,,,10,,true", ":11:5", "\"Charge\" is blank"),
                Arguments.of("deduction/retry-schedule.drl.csv", ",2,3", ",,3", ":12:2",
                        "\"Failed attempts so far\" is blank"),
                Arguments.of("refund/excluded-categories.drl.csv", "kuaishou,VIRTUAL,true", "kuaishou,VIRTUAL,",
                        ":11:3", "\"Excluded\" is blank"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("blankCells")
    void aBlankCellInAColumnNotMarkedOptionalIsAnError(String file, String from, String to, String cell,
            String message) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, file, from, to);

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(file + cell + ": error: " + message).contains("[BLANK_CELL]")
                .contains("end the column's title with \" (optional)\"")
                .contains("(the engine refuses this rule set)");
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining(message);
    }

    @Test
    void aColumnMarkedOptionalInItsTitleMayBeBlank() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,,,,,0");
        TestRules.replace(rules, POLICY, ",Minimum score,", ",Minimum score (optional),");

        Run run = cli("validate", rules.toString());

        assertThat(run.out()).doesNotContain("BLANK_CELL").contains(": OK, 17 rule files");
        assertThat(run.code()).isZero();
    }

    @Test
    void theBundledTablesMarkWhatMayBeBlankAndNothingElse() {
        Path rules = TestRules.copyOfBundled(temp);
        // the marker is the title's, not a cell's: taking it off a column with blank cells makes them errors
        TestRules.replace(rules, POLICY, "Free trial days (optional)", "Free trial days");
        Run run = cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(POLICY + ":11:9: error: \"Free trial days\" is blank in row 11")
                .doesNotContain(POLICY + ":12:9:"); // tmall's row has 7 trial days
    }

    /** A profile one edit from a real one: its row can never match, so the real profile decides without it. */
    static Stream<Arguments> profileTypos() {
        return Stream.of(Arguments.of("kuaishuo"), Arguments.of("kuaishu"), Arguments.of("kuaishoou"),
                Arguments.of("Kuaishou"), Arguments.of("kuaisbou"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileTypos")
    void aProfileTypoIsAnErrorAndTheProfileLeftWithoutRowsToo(String typo) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, POLICY, KUAISHOU_ROW, typo + ",ECOMMERCE_GOODS,,,ZHIMA,550,,,,0");

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(POLICY + ":11:1: error: profile \"" + typo + "\" is not in profiles.csv;"
                        + " did you mean \"kuaishou\"?").contains("[PROFILE_TYPO]")
                .contains("error: profile \"kuaishou\" has rows for deduction and refund but none for eligibility,"
                        + " so the engine refuses every kuaishou eligibility request")
                .doesNotContain("[UNREACHABLE]"); // the typo's error says it: no second "can never match"
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("did you mean \"kuaishou\"?");
    }

    @Test
    void aProfileFarFromEveryOtherIsStillReportedAsAGapForTheProfileItReplaced() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, POLICY, KUAISHOU_ROW, "douyin,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0");
        Run run = cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("row 11 can never match: Profile \"douyin\" is not one of")
                .contains("profile \"kuaishou\" has rows for deduction and refund but none for eligibility")
                .contains("[PROFILE_GAP]").doesNotContain("PROFILE_TYPO");
    }

    @Test
    void aProfileWithoutRowsForADecisionIsAnErrorUnlessTheTableSaysNotOffered() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "refund/fast-refund-policy.drl.csv",
                "NotOffered,\"tmall, zhima-650, jd, wechat-pay-score, alipay\"", "NotOffered,\"tmall, zhima-650, jd\"");

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("refund/fast-refund-policy.drl.csv:6:1: error: profile \"wechat-pay-score\""
                        + " has rows for deduction and eligibility but none for refund")
                .contains("profile \"alipay\" has rows for deduction and eligibility but none for refund")
                .doesNotContain("profile \"tmall\" has rows").contains("\"NotOffered,alipay\"");
        // the engine loads it: a profile without rows is refused request by request, which fails closed
        assertThat(PayAfterEngine.builder().rules(rules).profile("kuaishou").build().ruleSet().profiles()).contains("alipay");
    }

    /** Text a column's code cannot take: at its cell, with its column's title, instead of a Java compiler error. */
    static Stream<Arguments> badCells() {
        return Stream.of(
                Arguments.of(POLICY, "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300", "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,three"
                        + " hundred", ":14:6: error: Minimum score: \"three hundred\" expects a whole number"),
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550.5,,,,0",
                        ":11:6: error: Minimum score: \"550.5\" expects a whole number"),
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,99999999999,,,,0",
                        ":11:6: error: Minimum score: \"99999999999\" expects a whole number"),
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOODS,,,ZHIMAA,550,,,,0",
                        ":11:5: error: Score provider: \"ZHIMAA\" is not one of ZHIMA, WECHAT_PAY_SCORE, JD_XIAOBAI"
                                + " (did you mean ZHIMA?)"),
                Arguments.of(POLICY, KUAISHOU_ROW, "kuaishou,ECOMMERCE_GOOD,,,ZHIMA,550,,,,0",
                        ":11:2: error: Scenario: \"ECOMMERCE_GOOD\" is not one of"),
                Arguments.of(POLICY, "alipay,TELECOM,,,ZHIMA,550,true", "alipay,TELECOM,,,ZHIMA,550,yes",
                        ":20:7: error: Merchant threshold required: \"yes\" expects true or false"),
                Arguments.of("refund/fast-refund-policy.drl.csv", "kuaishou,,,300.00", "kuaishou,,,3OO.00",
                        ":11:4: error: Paid amount must be under (yuan): \"3OO.00\" expects a number like 300.00"),
                Arguments.of("deduction/retry-schedule.drl.csv", ",2,3", ",two,3",
                        ":12:2: error: Failed attempts so far: \"two\" expects a whole number"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badCells")
    void textInANumberColumnIsReportedAtItsCellWithItsTitle(String file, String from, String to, String expected) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, file, from, to);

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(file + expected).contains("[CELL_TYPE]")
                .doesNotContain("[COMPILE]"); // the compiler's echo of the same cell is not shown
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining(expected.substring(
                        expected.indexOf("error: ") + "error: ".length()));
    }

    /** Reason codes a scenario expects that no rule gives: reported, with the code it was probably meant to be. */
    @Test
    void aReasonCodeNoRuleGivesIsUnknown() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/kuaishou.scenarios.csv", "INELIGIBLE,SCORE_BELOW_MINIMUM,",
                "INELIGIBLE,SCORE_BELOW_MINIMUN,");
        TestRules.replace(rules, "refund/kuaishou.scenarios.csv", "MANUAL_REVIEW,", "MANUAL_REVIEW,ORDER_SHIPED|");

        Run validate = cli("validate", rules.toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.out()).contains("eligibility/kuaishou.scenarios.csv:3:15: error: expected reason"
                        + " \"SCORE_BELOW_MINIMUN\" is not a code any eligibility rule gives; did you mean"
                        + " SCORE_BELOW_MINIMUM?")
                .contains("expected reason \"ORDER_SHIPED\" is not a code any refund rule gives; did you mean"
                        + " ORDER_SHIPPED?").contains("[UNKNOWN_REASON]");

        Run test = cli("test", rules.toString());
        assertThat(test.code()).isEqualTo(1);
        assertThat(test.out()).contains("expected reason \"SCORE_BELOW_MINIMUN\" is not a code any eligibility rule"
                + " gives").contains("2 unknown reason codes");
    }

    @Test
    void theBundledRulesHaveNoneOfTheseMistakes() {
        Run run = cli("validate", "rules");
        assertThat(run.out()).doesNotContain("error").doesNotContain("warning");
        assertThat(run.code()).isZero();
    }
}
