package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.scenarios.ScenarioTableException;
import dev.payafter.scenarios.ScenarioTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spreadsheets LibreOffice wrote (src/test/resources/xlsx, made by make-fixtures.py there): they load, and an
 * analyst's typical mistakes either work or are refused with the cell.
 */
class LibreOfficeSpreadsheetTest {
    static final Path FIXTURES = Path.of("src/test/resources/xlsx");

    @TempDir
    Path temp;

    private Path rulesWith(String fixture, String as, String replacing) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        if (replacing != null) {
            Files.delete(rules.resolve(replacing));
        }
        Files.copy(FIXTURES.resolve(fixture), rules.resolve(as));
        return rules;
    }

    @Test
    void aDecisionTableWithAMergedTitleATextNumberAndTrailingSpacesDecidesLikeTheCsv() throws IOException {
        Path rules = rulesWith("eligibility-policy.drl.xlsx", "eligibility/eligibility-policy.drl.xlsx",
                "eligibility/eligibility-policy.drl.csv");
        PayAfterEngine fromXlsx = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        PayAfterEngine fromCsv = PayAfterEngine.builder().profile("kuaishou").build();
        for (String profile : List.of("kuaishou", "tmall", "jd")) {
            for (int score : new int[] {549, 550, 950}) {
                assertThat(fromXlsx.withProfile(profile).decide(Requests.zhima(score, "60.00")).reasonCodes())
                        .as(profile + " " + score)
                        .isEqualTo(fromCsv.withProfile(profile).decide(Requests.zhima(score, "60.00")).reasonCodes());
            }
        }
        assertThat(fromXlsx.decide(Requests.zhima(550, "60.00")).trace().firedRules())
                .contains("eligibility-policy.drl.xlsx row 11");
        // every scenario of the CSV twin passes on the workbook
        for (Path table : ScenarioTables.find(rules.resolve("eligibility"))) {
            assertThat(ScenarioTables.run(fromXlsx, table)).allMatch(ScenarioResult::passed);
        }
    }

    @Test
    void aBlankRowInADecisionTableIsRefusedNamingTheRowsDroolsWouldDrop() throws IOException {
        Path rules = rulesWith("blank-row.drl.xlsx", "eligibility/blank-row.drl.xlsx", null);
        RuleCompilationException e = org.junit.jupiter.api.Assertions.assertThrows(RuleCompilationException.class,
                () -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build());
        assertThat(e.problems()).hasSize(7).first().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/blank-row.drl.xlsx"));
            assertThat(p.line()).isEqualTo(15);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).startsWith("Policy!A15: Drools ignores this row: the blank row 14 ends the table");
        });
    }

    @Test
    void aBooleanCellIsReportedAtItsRow() throws IOException {
        Path rules = rulesWith("boolean-cell.drl.xlsx", "eligibility/eligibility-policy.drl.xlsx",
                "eligibility/eligibility-policy.drl.csv");
        RuleCompilationException e = org.junit.jupiter.api.Assertions.assertThrows(RuleCompilationException.class,
                () -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build());
        // issue 13: the cell is named with its column's title first; the compiler's own words follow
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(14));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("Policy!F14: Risk assessment required: \"1\" expects true or false"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("setRiskAssessmentRequired(boolean)")
                .contains("(int)"));
    }

    @Test
    void aScenarioTableWithATitleABlankRowTextNumbersAndTrailingSpacesRuns() throws IOException {
        Path rules = rulesWith("kuaishou.scenarios.xlsx", "eligibility/kuaishou.scenarios.xlsx",
                "eligibility/kuaishou.scenarios.csv");
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        Path table = rules.resolve("eligibility/kuaishou.scenarios.xlsx");
        assertThat(ScenarioTables.find(rules)).contains(table);
        assertThat(ScenarioTables.profileOf(table)).isEqualTo("kuaishou");
        List<ScenarioResult> results = ScenarioTables.run(engine, table);
        assertThat(results).extracting(ScenarioResult::line).containsExactly(3, 4, 6, 7);
        assertThat(results).allSatisfy(r -> assertThat(r.mismatches()).as(r.describe()).isEmpty());
    }

    @Test
    void aBadCellOrAMergedHeaderInAScenarioWorkbookNamesTheCell() throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        Path bad = Files.copy(FIXTURES.resolve("bad-cell.scenarios.xlsx"), rules.resolve("eligibility/jd.scenarios.xlsx"));
        // issue 13: a bad cell no longer stops the table; its row is reported, not run, with the cell
        assertThat(ScenarioTables.run(engine, bad)).filteredOn(ScenarioResult::notRun).singleElement()
                .satisfies(r -> assertThat(r.badCells()).containsExactly(bad
                        + "!Scenarios!B2: column zhima: \"550 points\" is not a whole number"));
        Path merged = Files.copy(FIXTURES.resolve("merged-header.scenarios.xlsx"),
                rules.resolve("eligibility/tmall.scenarios.xlsx"));
        assertThatThrownBy(() -> ScenarioTables.run(engine, merged)).isInstanceOf(ScenarioTableException.class)
                .hasMessage(merged + "!Scenarios!B1:C1: merged cells in the header; un-merge them: every column needs"
                        + " its own cell");
    }
}
