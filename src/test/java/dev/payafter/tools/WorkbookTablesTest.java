package dev.payafter.tools;

import static dev.payafter.tools.AnalystCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.TestRules;
import dev.payafter.internal.Csv;
import dev.payafter.tools.AnalystCliTest.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 2: a workbook table is read the way Drools reads it (its own spreadsheet parser), so the linter
 * and the compiler agree, and what breaks a workbook is said at its cell with what to do. The workbooks are made
 * here with Apache POI (on the class path through drools-decisiontables), as LibreOffice's plain conversion of the
 * CSV makes them: every cell as it is, numbers as numbers.
 */
class WorkbookTablesTest {
    static final String CSV = "eligibility/eligibility-policy.drl.csv";
    static final String XLSX = "eligibility/eligibility-policy.drl.xlsx";

    @TempDir
    Path temp;

    /** The policy table as a workbook, row for row (row 8 holds the pattern), optionally merging A8:D8. */
    private Path asWorkbook(boolean merge, UnaryOperator<String> edit) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        Path csv = rules.resolve(CSV);
        List<Csv.Row> rows = Csv.parseNumbered(edit.apply(Files.readString(csv, StandardCharsets.UTF_8)));
        Path target = rules.resolve(XLSX);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(target)) {
            Sheet sheet = workbook.createSheet("Policy");
            for (Csv.Row csvRow : rows) {
                Row row = sheet.createRow(csvRow.line() - 1);
                List<String> cells = csvRow.cells();
                boolean pattern = cells.get(0).startsWith("$policy");
                for (int i = 0; i < cells.size(); i++) {
                    String text = merge && pattern ? (i == 0 ? cells.get(0).replace("...", "") : "") : cells.get(i);
                    if (text.matches("\\d{1,9}")) {
                        row.createCell(i).setCellValue(Double.parseDouble(text));
                    } else if (text.isEmpty()) {
                        row.createCell(i);
                    } else {
                        row.createCell(i).setCellValue(text);
                    }
                }
                if (merge && pattern) {
                    sheet.addMergedRegion(new CellRangeAddress(csvRow.line() - 1, csvRow.line() - 1, 0, 3));
                }
            }
            workbook.write(out);
        }
        Files.delete(csv);
        return rules;
    }

    @Test
    void aPlainConversionOfTheCsvIsRefusedAtTheCellThatNeedsMerging() throws IOException {
        Path rules = asWorkbook(false, UnaryOperator.identity());

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(XLSX + "!Policy!A8: error: \"...\" merges cells only in CSV; merge A8:D8 in the"
                + " workbook (one cell, its text without \"...\") [WORKBOOK_MERGE]")
                .doesNotContain("mismatched input").doesNotContain("[COMPILE]")
                .contains("1 error, 0 warnings (the engine refuses this rule set)");
        assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("merge A8:D8 in the workbook");
    }

    @Test
    void theWorkbookWithItsPatternCellMergedLoadsAndLintsLikeTheCsv() throws IOException {
        Path rules = asWorkbook(true, UnaryOperator.identity());

        Run run = cli("validate", rules.toString());

        assertThat(run.out()).contains(": OK, 17 rule files");
        assertThat(run.code()).isZero();
        assertThat(PayAfterEngine.builder().rules(rules).profile("zhima-650").build().ruleSet().files())
                .contains(XLSX);
    }

    @Test
    void aBlankCellAndTextInANumberColumnOfAWorkbookAreNamedByTheirCells() throws IOException {
        Path rules = asWorkbook(true, csv -> csv
                .replace("kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,,,,,0")
                .replace("jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300", "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,three hundred"));

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(XLSX + "!Policy!F11: error: \"Minimum score\" is blank in row 11")
                .contains(XLSX + "!Policy!F14: error: Minimum score: \"three hundred\" expects a whole number"
                        + " [CELL_TYPE]")
                .doesNotContain("[COMPILE]");
    }

    @Test
    void aMergedRunOfTheWrongLengthIsStillReadAsDroolsReadsIt() throws IOException {
        // "..." on three of the four pattern cells in a workbook: two runs are literal text, each said once
        Path rules = asWorkbook(false, csv -> csv.replaceFirst(
                "\\$policy : EligibilityPolicy\\.\\.\\.,\\$policy : EligibilityPolicy\\.\\.\\.,",
                "\\$policy : EligibilityPolicy...,\\$policy : EligibilityPolicy,"));

        Run run = cli("validate", rules.toString());

        assertThat(run.out()).contains(XLSX + "!Policy!A8: error: \"...\" merges cells only in CSV; delete it, or"
                + " merge A8 with the cells its code shares").contains(XLSX + "!Policy!C8: error: \"...\" merges cells"
                + " only in CSV; merge C8:D8 in the workbook");
        assertThat(run.code()).isEqualTo(1);
    }
}
