package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.TestRules;
import dev.payafter.live.ReloadResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken rule files are refused with a message that names the file, and an engine that is already serving keeps
 * its old rules: each case is tried on a fresh build and as a reload of a serving engine.
 */
class BrokenRuleFilesTest {
    @TempDir
    Path temp;

    Path rules;
    PayAfterEngine serving;
    String servingVersion;

    @BeforeEach
    void servingEngine() {
        rules = TestRules.copyOfBundled(temp);
        serving = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        servingVersion = serving.ruleSet().version();
    }

    /** The problems a fresh build reports; also checks a reload of the serving engine is rejected. */
    private List<RuleProblem> refused() {
        ReloadResult reload = serving.reload();
        assertThat(reload.status()).isEqualTo(ReloadResult.Status.REJECTED);
        assertThat(serving.ruleSet().version()).isEqualTo(servingVersion);
        assertThat(serving.decide(dev.payafter.Requests.zhima(600, "10.00")).eligible()).isTrue();
        try {
            PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        } catch (RuleCompilationException e) {
            assertThat(reload.problems()).containsExactlyElementsOf(e.problems().stream().map(Object::toString).toList());
            return e.problems();
        }
        throw new AssertionError("accepted");
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("RuleSet");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aTruncatedSpreadsheet() throws IOException {
        byte[] whole = xlsx();
        Files.write(rules.resolve("eligibility/extra.drl.xlsx"), Arrays.copyOf(whole, whole.length / 2));
        assertThat(refused()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/extra.drl.xlsx"));
            assertThat(p.message()).startsWith("decision table does not parse");
        });
    }

    @Test
    void aBinaryFileNamedLikeASpreadsheet() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(rules.resolve("refund/noise.drl.xlsx"), noise);
        assertThat(refused()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("refund/noise.drl.xlsx"));
            assertThat(p.message()).startsWith("decision table does not parse");
        });
    }

    @Test
    void anEmptyDrlAndAnEmptyTable() throws IOException {
        Files.writeString(rules.resolve("eligibility/empty.drl"), "");
        Files.writeString(rules.resolve("deduction/empty.drl.csv"), "");
        assertThat(refused()).extracting(p -> p.file().getFileName().toString() + ": " + p.message())
                .containsExactlyInAnyOrder(
                        "empty.drl.csv: empty: a decision table needs a RuleSet, a RuleTable header and rows",
                        "empty.drl: empty: a rule file needs at least its package line");
    }

    @Test
    void aHugeFile() throws IOException {
        StringBuilder drl = new StringBuilder("package eligibility;\n");
        String comment = "// " + "x".repeat(1000) + "\n";
        while (drl.length() < 6 * 1024 * 1024) {
            drl.append(comment);
        }
        Files.writeString(rules.resolve("eligibility/huge.drl"), drl);
        assertThat(refused()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/huge.drl"));
            assertThat(p.message()).contains("6 MiB").contains("at most 4 MiB");
        });
    }

    @Test
    void aTableWithoutItsHeaderRows() throws IOException {
        Files.writeString(rules.resolve("eligibility/no-header.drl.csv"), """
                RuleSet,eligibility
                Import,dev.payafter.facts.EligibilityPolicy
                ,
                RuleTable Headless
                kuaishou,ECOMMERCE_GOODS,ZHIMA,700
                """);
        assertThat(refused()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/no-header.drl.csv"));
            assertThat(p.message()).startsWith("decision table does not parse");
        });
    }

    @Test
    void twoFilesDefiningTheSameRule() throws IOException {
        String copy = Files.readString(rules.resolve("eligibility/consumer-standing.drl"));
        Files.writeString(rules.resolve("eligibility/consumer-standing-copy.drl"), copy);
        // files are read in path order: the copy ("-copy" sorts before ".drl") comes first
        assertThat(refused()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/consumer-standing.drl"));
            assertThat(p.message()).isEqualTo("rule \"Consumer revoked for abuse\" is also defined in"
                    + " eligibility/consumer-standing-copy.drl:12; rule names must be unique");
        });
    }

    @Test
    void aWronglyNamedTable() throws IOException {
        Files.copy(rules.resolve("eligibility/eligibility-policy.drl.csv"), rules.resolve("eligibility/policy-v2.csv"));
        assertThat(refused()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules.resolve("eligibility/policy-v2.csv"));
            assertThat(p.message()).contains("would skip this one silently");
        });
    }
}
