package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.internal.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision table kept as an .xlsx spreadsheet decides exactly as its CSV twin. */
class SpreadsheetTableTest {
    @TempDir
    Path temp;

    @Test
    void theEligibilityPolicyAsXlsxDecidesLikeTheCsv() throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        Path csv = rules.resolve("eligibility/eligibility-policy.drl.csv");
        writeAsXlsx(Csv.parse(Files.readString(csv, StandardCharsets.UTF_8)),
                rules.resolve("eligibility/eligibility-policy.drl.xlsx"));
        Files.delete(csv);

        PayAfterEngine fromXlsx = PayAfterEngine.builder().rules(rules).profile("zhima-650").build();
        PayAfterEngine fromCsv = PayAfterEngine.builder().profile("zhima-650").build();

        assertThat(fromXlsx.ruleSet().files()).contains("eligibility/eligibility-policy.drl.xlsx");
        for (int score : new int[] {549, 550, 649, 650, 950}) {
            EligibilityDecision x = fromXlsx.decide(Requests.zhima(score, "60.00"));
            EligibilityDecision c = fromCsv.decide(Requests.zhima(score, "60.00"));
            assertThat(x.outcome()).as("score " + score).isEqualTo(c.outcome());
            assertThat(x.reasonCodes()).as("score " + score).isEqualTo(c.reasonCodes());
        }
        assertThat(fromXlsx.decide(Requests.zhima(650, "60.00")).trace().firedRules())
                .contains("eligibility-policy.drl.xlsx row 13");
    }

    /** Writes the table as a spreadsheet tool would: numbers as numeric cells, the pattern cell merged. */
    private static void writeAsXlsx(List<List<String>> rows, Path target) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(target)) {
            Sheet sheet = workbook.createSheet("Policy");
            int at = 0;
            for (List<String> cells : rows) {
                if (cells.get(0).equals("RuleTable Eligibility policy")) {
                    at++; // a blank row before the table, as in the CSV
                }
                Row row = sheet.createRow(at);
                for (int i = 0; i < cells.size(); i++) {
                    String text = cells.get(i).replace("...", "");
                    if (text.isEmpty()) {
                        row.createCell(i);
                    } else if (text.matches("\\d+")) {
                        row.createCell(i).setCellValue(Double.parseDouble(text));
                    } else {
                        row.createCell(i).setCellValue(text);
                    }
                }
                if (cells.get(0).startsWith("$policy")) {
                    int merged = (int) cells.stream().filter(c -> c.startsWith("$policy")).count();
                    for (int i = 1; i < merged; i++) {
                        row.getCell(i).setBlank();
                    }
                    sheet.addMergedRegion(new CellRangeAddress(at, at, 0, merged - 1));
                }
                at++;
            }
            workbook.write(out);
        }
    }
}
