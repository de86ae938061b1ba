package dev.payafter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyst CLI end to end: real rule sets, real output, real exit codes. */
class AnalystCliTest {
    @TempDir
    Path temp;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalystCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateTheBundledRules() {
        Run run = cli("validate", "rules");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("rules: OK, 17 rule files, profiles [kuaishou, tmall");
    }

    @Test
    void validateABrokenCopyListsEveryProblemWithFileLineAndCell() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/consumer-standing.drl", "EligibilityRequest( consumer.revokedForAbuse == true )",
                "EligibilityRequest( consumer.revokedForAbuse == true");
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,300",
                "jd,ECOMMERCE_GOODS,,,JD_XIAOBAI,three hundred");
        TestRules.write(rules, "refund/thresholds.csv", "profile,limit\nkuaishou,300\n");
        Run run = cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("eligibility/consumer-standing.drl:15:1: error: [ERR 102] Line 15:0 mismatched input 'then'")
                .contains("eligibility/eligibility-policy.drl.csv:14:6: error: Minimum score: \"three hundred\" expects"
                        + " a whole number [CELL_TYPE]")
                .contains("refund/thresholds.csv: error: not a rule file")
                .contains("(the engine refuses this rule set)");
    }

    @Test
    void validateLintsOverlapsUnreachableRowsGapsAndDuplicateNames() throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        // blank cells below are meant: their columns are marked optional in this copy
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "Profile,Scenario,", "Profile,Scenario (optional),");
        TestRules.replace(rules, "deduction/retry-schedule.drl.csv", "Failed attempts so far", "Failed attempts so far (optional)");
        // a general Kuaishou row below the specific one: row 11 never decides anything any more
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "tmall,ECOMMERCE_GOODS,,,ZHIMA,550,,,7,0,PAY_NOW",
                "tmall,ECOMMERCE_GOODS,,,ZHIMA,550,,,7,0,PAY_NOW\nkuaishou,,,,ZHIMA,600,,,,0,PAY_NOW");
        // neither row contains the other: (kuaishou, 1 failed attempt) is matched by both
        TestRules.replace(rules, "deduction/retry-schedule.drl.csv", ",3,7", ",3,7\nkuaishou,,5");
        // a profile not in profiles.csv (far from every one, so not a typo of one), and the table declared complete
        TestRules.replace(rules, "deduction/deduction-policy.drl.csv", "jd,GOODS,,,ON_RECEIPT", "jingdong,GOODS,,,ON_RECEIPT");
        TestRules.replace(rules, "deduction/deduction-policy.drl.csv", "Sequential,true", "Sequential,true\nComplete,true");
        TestRules.write(rules, "refund/abuse.drl", "package refund;\n\nimport dev.payafter.refund.Buyer;\n\n"
                + "rule \"Consumer revoked for abuse\"\nwhen\n    Buyer( revokedForAbuse == true, premium == false )\nthen\nend\n");

        Run run = cli("validate", rules.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("eligibility/eligibility-policy.drl.csv:11:1: warning: row 11 never decides anything:"
                        + " row 13 below it matches every input it matches and overrides everything it sets [UNREACHABLE]")
                .contains("deduction/retry-schedule.drl.csv:14:1: warning: rows 11 and 14 both match Profile kuaishou,"
                        + " Failed attempts so far = 1 with different Retry after (days since the last failure) (1 / 5);"
                        + " row 14 wins because it is lower, which a reader of row 11 will not expect [OVERLAP]")
                .contains("rows 13 and 14 both match Profile kuaishou, Failed attempts so far = 3")
                .contains("deduction/deduction-policy.drl.csv:15:1: warning: row 15 can never match: Profile \"jingdong\""
                        + " is not one of kuaishou, tmall, zhima-650, jd, wechat-pay-score, alipay [UNREACHABLE]")
                .contains("deduction/deduction-policy.drl.csv:7:1: error: profile \"jd\" has rows for eligibility but"
                        + " none for deduction")
                .contains("deduction/deduction-policy.drl.csv:7:1: warning: table \"Deduction policy\" is declared"
                        + " Complete but no row covers 6 inputs: Profile kuaishou, Order kind SERVICE; Profile tmall,"
                        + " Order kind SERVICE;")
                .contains("refund/abuse.drl:5: warning: rule \"Consumer revoked for abuse\" is defined in"
                        + " eligibility/consumer-standing.drl:12 and refund/abuse.drl:5")
                .contains("1 error, 7 warnings (the engine loads it, but validate refuses it: fix the errors)");

        Run json = cli("validate", rules.toString(), "--json");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(json.out());
        assertThat(parsed.get("problems").toString()).isEqualTo("8");
        assertThat((List<?>) parsed.get("findings")).hasSize(8);
    }

    @Test
    void testRunsEveryScenarioAndReportsCoverage() {
        Run run = cli("test", "rules", "--min-coverage", "95");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("rules/eligibility/kuaishou.scenarios.csv (kuaishou): 33/33 passed")
                .contains("scenarios: 389 passed, 0 failed")
                .contains("coverage: 72 of 75 rules and table rows fired by some scenario (96.0%), minimum 95% met")
                .contains("deduction/failed-deductions.drl:121  Merchant carries the debt where the platform gives"
                        + " no guarantee");
        assertThat(cli("test", "rules", "--min-coverage", "99").code()).isEqualTo(1);
    }

    @Test
    void testShowsExpectedAgainstActualForAFailingScenario() {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        Run run = cli("test", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL line 2 \"Zhima 550 is eligible (boundary)\"")
                .contains("outcome: expected ELIGIBLE but was INELIGIBLE")
                .contains("reasons: expected [ELIGIBLE] but was [SCORE_BELOW_MINIMUM]")
                .contains("fired: [eligibility-policy.drl.csv row 11, Profile offers pay after use in this scenario,"
                        + " Score below the profile's minimum");
    }

    @Test
    void explainShowsWhatFiredAndTheFirstFailedConditionOfEveryOtherRow() throws IOException {
        Path request = Files.writeString(temp.resolve("request.json"),
                "{\"kind\": \"eligibility\", \"profile\": \"zhima-650\", \"zhima\": 600, \"amount\": 199.00}");
        Run run = cli("explain", "rules", request.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("eligibility under zhima-650: INELIGIBLE\n"
                        + "  SCORE_BELOW_MINIMUM: ZHIMA score 600 is below the minimum 650  [Score below the profile's minimum]")
                .contains("fired, in order:\n  eligibility-policy.drl.csv row 13\n  Profile offers pay after use in this scenario\n  Score below the profile's minimum")
                .contains("eligibility-policy.drl.csv row 11: eligibility/eligibility-policy.drl.csv:11:1: Profile"
                        + " (profile == \"kuaishou\") failed: profile was \"zhima-650\"")
                .contains("rules that did not fire:\n  Consumer revoked for abuse");
        Run html = cli("explain", "rules", request.toString(), "--html=" + temp.resolve("explained"));
        assertThat(html.code()).isZero();
        assertThat(html.out()).isEqualTo(run.out());
        assertThat(html.err()).contains("report: " + temp.resolve("explained").resolve("index.html"));
        assertThat(Files.readString(temp.resolve("explained").resolve("explain.html")))
                .contains("SCORE_BELOW_MINIMUM").contains("ZHIMA score 600 is below the minimum 650")
                .contains("eligibility-policy.drl.csv row 13");

        Path csv = Files.writeString(temp.resolve("request.csv"), "kind,profile,now,ordered_at,delivered_at,"
                + "failed_attempts\ndeduction,tmall,2026-03-20T10:00+08:00,2026-03-01T10:00+08:00,2026-03-03T10:00+08:00,"
                + "2026-03-10T10:00+08:00|2026-03-11T10:00+08:00|2026-03-14T10:00+08:00\n");
        Run deduction = cli("explain", "rules", csv.toString());
        assertThat(deduction.out()).startsWith("deduction under tmall: WAIT\n  RETRY_SCHEDULED: 3 deduction(s) failed;")
                .contains("  next_check: 2026-03-21T02:00:00Z")
                .contains("retry-schedule.drl.csv row 11: deduction/retry-schedule.drl.csv:11:2: Failed attempts so far"
                        + " (failedAttempts == 1) failed: failedAttempts was 3");
    }

    @Test
    void diffCountsChangedDecisionsByTransitionAndReasonAndWritesThem() throws IOException {
        Path stricter = TestRules.copyOfBundled(temp);
        TestRules.replace(stricter, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        Path requests = Files.writeString(temp.resolve("requests.jsonl"), String.join("\n",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":550}",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":599,\"revoked\":true}",
                "{\"kind\":\"eligibility\",\"profile\":\"kuaishou\",\"zhima\":600}",
                "",
                "{\"kind\":\"eligibility\",\"profile\":\"tmall\",\"zhima\":550}",
                "{\"kind\":\"refund\",\"profile\":\"kuaishou\",\"premium\":true,\"paid_amount\":299.99}",
                "{\"kind\":\"deduction\",\"profile\":\"kuaishou\",\"now\":\"2026-03-04T10:00+08:00\","
                        + "\"ordered_at\":\"2026-03-01T10:00+08:00\",\"delivered_at\":\"2026-03-03T10:00+08:00\"}"));
        Path out = temp.resolve("changed.jsonl");
        Run run = cli("diff", "rules", stricter.toString(), requests.toString(), "--out=" + out);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("6 requests replayed in").contains(": 2 decisions changed")
                .contains("       1  eligibility: ELIGIBLE -> INELIGIBLE")
                .contains("       1  eligibility: INELIGIBLE -> INELIGIBLE")
                .contains("       2  +SCORE_BELOW_MINIMUM").contains("       1  -ELIGIBLE");
        List<String> changed = Files.readAllLines(out);
        assertThat(changed).hasSize(2);
        assertThat(changed.get(0)).startsWith("{\"line\":1,\"request\":{\"kind\":\"eligibility\",\"profile\":\"kuaishou\""
                + ",\"zhima\":\"550\"},\"old\":{\"outcome\":\"ELIGIBLE\",\"reasons\":[\"ELIGIBLE\"]");
        Run html = cli("diff", "rules", stricter.toString(), requests.toString(), "--html", temp.resolve("d").toString());
        assertThat(html.code()).isEqualTo(1);
        assertThat(html.err()).contains("report: " + temp.resolve("d").resolve("index.html"));
        // Kuaishou eligibility: 2 of 3 approved before, 1 of 3 after
        assertThat(Files.readString(temp.resolve("d").resolve("diff.html"))).contains("kuaishou").contains("66.7%")
                .contains("33.3%");

        Path csv = Files.writeString(temp.resolve("requests.csv"), "kind,profile,zhima,paid_amount,premium\n"
                + "eligibility,kuaishou,550,,\nrefund,kuaishou,,299.999,true\neligibility,kuaishou,five,,\n");
        // every request is checked before anything is compiled or decided: both bad rows, then exit 2
        Run bad = cli("diff", "rules", stricter.toString(), csv.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("requests.csv:3: RefundRequest.paidAmount: \"299.999\" has more than 2"
                        + " decimal places")
                .contains("requests.csv:4: column zhima: \"five\" is not a whole number")
                .contains("the request file is refused; nothing was decided");
    }

    @Test
    void usageAndIoErrorsExitWithTwo() {
        Run none = cli();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("payafter-analyst: no command").contains("Commands:").contains("validate");
        Run unknown = cli("lint", "rules");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched arguments from index 0: 'lint', 'rules'")
                .contains("Usage: payafter-analyst");
        assertThat(cli("validate").err()).contains("Missing required parameter: 'RULES_DIR'");
        assertThat(cli("validate", "rules", "--bogus").err()).contains("Unknown option: '--bogus'");
        assertThat(cli("diff", "rules", "rules", "x.jsonl", "--threads=many").err())
                .contains("Invalid value for option '--threads': 'many' is not an int");
        assertThat(cli("validate", temp.resolve("nowhere").toString()).code()).isEqualTo(2);
        assertThat(cli("explain", "rules", temp.resolve("none.json").toString()).code()).isEqualTo(2);
        assertThat(cli("test", "rules", "--min-coverage", "lots").err()).contains("--min-coverage takes a percentage");
    }
}
