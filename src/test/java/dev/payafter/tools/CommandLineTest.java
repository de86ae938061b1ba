package dev.payafter.tools;

import static dev.payafter.tools.AnalystCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import dev.payafter.internal.RuleSource;
import dev.payafter.tools.AnalystCliTest.Run;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, point 5: the command line behaves like the tools analysts already use (picocli): help for each
 * command, a version, {@code --opt=value}, the exit codes as before; {@code diff --out x.csv} writes CSV and
 * nothing is written unless asked; CSV request files are read by Commons CSV, quoted fields over several lines
 * included, with the limits of before.
 */
class CommandLineTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"validate", "test", "explain", "diff", "backtest", "report"})
    void everyCommandHasItsHelp(String command) {
        Run run = cli(command, "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).containsIgnoringCase("usage: payafter-analyst " + command).contains("--json")
                .contains("-h, --help").contains("exit codes");
        assertThat(run.err()).isEmpty();
        assertThat(cli("help", command).out()).isEqualTo(run.out());
    }

    @Test
    void theVersionNamesTheBundledRuleSetsVersion() {
        Run run = cli("--version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("payafter-analyst ").contains("bundled rule set "
                + RuleSource.bundled().version());
        assertThat(cli("validate", "--version").out()).isEqualTo(run.out());
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSignToo() {
        Run spaced = cli("test", "rules", "--min-coverage", "99");
        Run equals = cli("test", "rules", "--min-coverage=99");
        assertThat(equals.code()).isEqualTo(spaced.code()).isEqualTo(1);
        assertThat(equals.out()).contains("below the minimum 99%");
        assertThat(cli("test", "rules", "--min-coverage=lots").code()).isEqualTo(2);
    }

    private Path stricterRules() {
        Path stricter = TestRules.copyOfBundled(temp);
        TestRules.replace(stricter, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        return stricter;
    }

    @Test
    void diffWritesCsvToACsvFileAndNothingWithoutOut() throws IOException {
        Path stricter = stricterRules();
        Path requests = Files.writeString(temp.resolve("requests.jsonl"), String.join("\n",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":550,\"name\":\"a, \\\"quoted\\\" one\"}",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":700}",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":580,\"amount\":199.00}"));
        Path out = temp.resolve("changed.csv");

        Run run = cli("diff", "rules", stricter.toString(), requests.toString(), "--out=" + out);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("changed requests with both decisions: " + out + " (CSV)");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(out, StandardCharsets.UTF_8))).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).toMap()).containsEntry("line", "1").containsEntry("kind", "eligibility")
                .containsEntry("profile", "kuaishou").containsEntry("old_outcome", "ELIGIBLE")
                .containsEntry("new_outcome", "INELIGIBLE").containsEntry("old_reasons", "ELIGIBLE")
                .containsEntry("new_reasons", "SCORE_BELOW_MINIMUM");
        assertThat(Json.parse(records.get(0).get("request")).toString()).contains("a, \"quoted\" one");
        assertThat(records.get(1).get("line")).isEqualTo("3");
        assertThat(Json.parse(records.get(1).get("old_details")).toString()).isEqualTo("{credit_to_freeze=199.00}");

        Path jsonl = temp.resolve("changed.txt");
        cli("diff", "rules", stricter.toString(), requests.toString(), "--out", jsonl.toString(), "--format=jsonl");
        assertThat(Files.readAllLines(jsonl)).hasSize(2).allMatch(l -> l.startsWith("{\"line\":"));

        Path cwdFile = Path.of("changed-decisions.jsonl");
        Files.deleteIfExists(cwdFile);
        Run nowhere = cli("diff", "rules", stricter.toString(), requests.toString());
        assertThat(nowhere.code()).isEqualTo(1);
        assertThat(nowhere.out()).contains("changed requests with both decisions: not written");
        assertThat(cwdFile).doesNotExist();
        assertThat(cli("diff", "rules", stricter.toString(), requests.toString(), "--format", "xml", "--out",
                jsonl.toString()).code()).isEqualTo(2);
    }

    @Test
    void aQuotedCsvFieldMaySpanLinesAndLinesAreStillNamed() throws IOException {
        Path stricter = stricterRules();
        Path csv = Files.writeString(temp.resolve("requests.csv"), "kind,profile,name,zhima\n"
                + "eligibility,kuaishou,\"first line\nsecond line, with a comma\",550\n"
                + "\n"
                + "eligibility,kuaishou,\"one \"\"quoted\"\" word\",700\n");
        Path out = temp.resolve("changed.csv");

        Run run = cli("diff", "rules", stricter.toString(), csv.toString(), "--out", out.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("2 requests replayed").contains(": 1 decision changed");
        CSVRecord changed = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(out))).getRecords().get(0);
        assertThat(changed.get("line")).isEqualTo("2");
        assertThat(Json.parse(changed.get("request")).toString()).contains("first line\nsecond line, with a comma");

        // a bad value after a record over two lines is named at its own line
        Path bad = Files.writeString(temp.resolve("bad.csv"), "kind,profile,name,zhima\n"
                + "eligibility,kuaishou,\"two\nlines\",550\n"
                + "eligibility,kuaishou,x,five\n");
        Run refused = cli("diff", "rules", stricter.toString(), bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.csv:4: column zhima: \"five\" is not a whole number");
    }

    /** Hostile CSV request files: each refused with its line and exit 2, before any rule is compiled. */
    @Test
    void hostileCsvRequestFilesAreRefusedWithTheirLine() throws IOException {
        Path unclosed = Files.writeString(temp.resolve("unclosed.csv"), "kind,profile,name,zhima\n"
                + "eligibility,kuaishou,ok,550\n"
                + "eligibility,kuaishou,\"never closed,550\n"
                + "eligibility,kuaishou,more,560\n");
        Run run = cli("diff", "rules", "rules", unclosed.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unclosed.csv:3: a quoted field is never closed");

        StringBuilder huge = new StringBuilder("kind,profile,name,zhima\neligibility,kuaishou,\"");
        String line = "x".repeat(1000) + "\n";
        while (huge.length() < RequestFiles.MAX_LINE_BYTES + 200_000) {
            huge.append(line); // many short lines in one quoted field: each line is short, the record is not
        }
        huge.append("\",550\n");
        Path long1 = Files.writeString(temp.resolve("long.csv"), huge);
        Run tooLong = cli("diff", "rules", "rules", long1.toString());
        assertThat(tooLong.code()).isEqualTo(2);
        assertThat(tooLong.err()).contains("long.csv:").contains("a record is longer than " + RequestFiles.MAX_LINE_BYTES
                + " characters");

        byte[] prefix = "kind,profile,name,zhima\neligibility,kuaishou,\"caf".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "\nnext line\",550\neligibility,kuaishou,fine,600\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 1 + rest.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xE9; // Latin-1 é: not UTF-8
        System.arraycopy(rest, 0, bytes, prefix.length + 1, rest.length);
        Path latin1 = Files.write(temp.resolve("latin1.csv"), bytes);
        Run notUtf8 = cli("diff", "rules", "rules", latin1.toString());
        assertThat(notUtf8.code()).isEqualTo(2);
        assertThat(notUtf8.err()).contains("latin1.csv:2: not valid UTF-8 (byte 0xe9 at offset " + prefix.length + ")");

        Path tooWide = Files.writeString(temp.resolve("wide.csv"), "kind,profile,zhima\n"
                + "eligibility,kuaishou,550,1,2\n");
        Run wide = cli("diff", "rules", "rules", tooWide.toString());
        assertThat(wide.code()).isEqualTo(2);
        assertThat(wide.err()).contains("wide.csv:2: 5 fields but the header has 3");
    }

    @Test
    void reportWritesTheRuleSetPagesAndTestHtmlWritesTheSame() throws Exception {
        Path rules = dev.payafter.TestRules.copyOfBundled(temp.resolve("copy"));
        // one scenario made to fail: the report is still written, and the command says 1
        dev.payafter.TestRules.replace(rules, "eligibility/kuaishou.scenarios.csv",
                "Zhima 549 is refused (boundary),,549,,,,,,,199.00,,,,INELIGIBLE,", "Zhima 549 is refused (boundary),,549,,,,,,,199.00,,,,ELIGIBLE,");
        Run report = cli("report", rules.toString(), "--out=" + temp.resolve("report"));
        assertThat(report.code()).as(report.err()).isEqualTo(1);
        assertThat(report.out()).contains(temp.resolve("report").resolve("index.html").toString());
        String page = java.nio.file.Files.readString(temp.resolve("report").resolve("report.html"));
        assertThat(page).contains("Zhima 549 is refused (boundary)").contains("eligibility-policy.drl.csv row 11");
        Run test = cli("test", rules.toString(), "--html", temp.resolve("html").toString());
        assertThat(test.code()).isEqualTo(1);
        assertThat(test.err()).contains("report: " + temp.resolve("html").resolve("index.html"));
        assertThat(java.nio.file.Files.readString(temp.resolve("html").resolve("report.html"))).isEqualTo(page);
        assertThat(cli("report", rules.toString()).code()).as("--out is required").isEqualTo(2);
    }
}
