package dev.payafter.tools;

import static dev.payafter.tools.AnalystCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import dev.payafter.tools.AnalystCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 3: one bad cell does not skip a scenario table. Every other row runs, every bad cell is reported
 * with its file, line, column, value and what is expected, a table that could not run is kept out of coverage, a
 * failure shows each reason's message, and a misnamed table names its file.
 */
class EveryRowReportedTest {
    static final String KUAISHOU = "eligibility/kuaishou.scenarios.csv";

    @TempDir
    Path temp;

    @Test
    void everyBadCellIsReportedAndEveryOtherRowRuns() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, KUAISHOU, "Zhima 550 is eligible (boundary),,550,,,,,,,199.00,",
                "Zhima 550 is eligible (boundary),,5S0,,,,,,,199.0O,");
        TestRules.replace(rules, KUAISHOU, "Zhima 549 is refused (boundary),,549,", "Zhima 549 is refused (boundary),,"
                + "abc,");

        Run run = cli("test", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        Path table = rules.resolve(KUAISHOU);
        assertThat(run.out()).contains(table + " (kuaishou): 31/33 passed, 2 not run")
                .contains("NOT RUN line 2 \"Zhima 550 is eligible (boundary)\"")
                .contains(table + ":2: column zhima: \"5S0\" is not a whole number")
                .contains(table + ":2: column amount: \"199.0O\" is not a number of yuan (like 299.99)")
                .contains("NOT RUN line 3 \"Zhima 549 is refused (boundary)\"")
                .contains(table + ":3: column zhima: \"abc\" is not a whole number")
                .contains("scenarios: 387 passed, 0 failed, 2 not run (bad cells)")
                .doesNotContain("table not run");
    }

    @Test
    void aTableThatCannotRunIsKeptOutOfCoverage() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/tmall.scenarios.csv", "name,scenario,zhima,", "name,scenario,zhimaa,");

        Run run = cli("test", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR " + rules.resolve("eligibility/tmall.scenarios.csv")
                        + ":1: unknown column \"zhimaa\" for eligibility scenarios")
                .contains("1 table not run")
                .contains("not measured (their scenario table did not run):\n"
                        + "  eligibility/eligibility-policy.drl.csv:12  eligibility-policy.drl.csv row 12");
        String neverFired = run.out().substring(run.out().indexOf("coverage:"), run.out().indexOf("not measured"));
        assertThat(neverFired).doesNotContain("row 12");
    }

    @Test
    void aFailureShowsEachReasonWithItsMessage() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");

        Run run = cli("test", rules.toString());

        assertThat(run.out()).contains("FAIL line 2 \"Zhima 550 is eligible (boundary)\"")
                .contains("reasons: expected [ELIGIBLE] but was [SCORE_BELOW_MINIMUM]")
                .contains("the decision's reasons:\n         SCORE_BELOW_MINIMUM: ZHIMA score 550 is below the"
                        + " minimum 600");
    }

    @Test
    void aScenarioTableNamedForNoProfileNamesTheFile() throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        Path misnamed = rules.resolve("eligibility/tmal.scenarios.csv");
        Files.move(rules.resolve("eligibility/tmall.scenarios.csv"), misnamed);

        Run run = cli("test", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR " + misnamed + ": the file name says profile \"tmal\", which"
                + " profiles.csv does not list (did you mean tmall.scenarios.csv?)");
    }

    @Test
    void aScenarioFileWithAWrongSuffixIsNamed() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "refund/tmall.scenario.csv", "name,expected_outcome,expected_reasons\n");

        Run run = cli("test", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("refund/tmall.scenario.csv").contains("*.scenarios.csv");
    }
}
