package dev.payafter.tools.report;

import dev.payafter.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule sets and requests the report tests draw: the bundled rules, and copies broken on purpose. */
final class ReportFixtures {
    /** A scenario name, a cell and a reason message an analyst could write: markup, quotes, ampersands, Chinese. */
    static final String HOSTILE = "\"><img src=x onerror=alert(1)></style><script>document.title='pwned'</script>"
            + " & <b>bold</b> 'single' \"double\" 先用后付";
    /** The hostile text as a CSV cell (quotes doubled). */
    static final String HOSTILE_CSV = "\"" + HOSTILE.replace("\"", "\"\"") + "\"";
    /** A cell longer than any column should be wide. */
    static final String LONG = "Long note: " + "retry after one, three and seven days; ".repeat(60).strip();
    /** The row that no scenario fires (no Kuaishou scenario asks for staged payment), appended to the eligibility policy;
     * no date in it, so that the linter analyses the table (a dated row is not analysed) and finds the unknown profile. */
    static final int FUTURE_ROW = 21;
    /** The row whose profile is in no profiles.csv and one edit from none (lint: UNREACHABLE on its Profile cell). */
    static final int TYPO_ROW = 22;
    /** The line of the scenario made to fail: "Zhima 549 is refused (boundary)" now expects ELIGIBLE. */
    static final int FAILING_LINE = 3;
    /** Bundled reason text the Chinese check looks for (the Kuaishou fast-refund notice). */
    static final String NOTICE = "该用户为平台优质用户且订单满足极速退款条件,平台已自动审核通过卖家发货前仅退款申请";

    private ReportFixtures() {
    }

    /**
     * A copy of the bundled rules with: one failing scenario ({@link #FAILING_LINE} of the Kuaishou eligibility
     * scenarios), a policy row no scenario fires ({@link #FUTURE_ROW}), a typo'd profile ({@link #TYPO_ROW}), a
     * passing scenario with a hostile name, the retry schedule's note hostile, a very long note, and the approval
     * message hostile.
     */
    static Path broken(Path directory) {
        Path rules = TestRules.copyOfBundled(directory);
        append(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,STAGED_SERVICE_PAYMENT,,,ZHIMA,600,,,,0,REFUSED\n"
                + "jingdong,ECOMMERCE_GOODS,,,ZHIMA,550,,,,0,PAY_NOW\n");
        TestRules.replace(rules, "eligibility/kuaishou.scenarios.csv",
                "Zhima 549 is refused (boundary),,549,,,,,,,199.00,,,,INELIGIBLE,SCORE_BELOW_MINIMUM,,",
                "Zhima 549 is refused (boundary),,549,,,,,,,199.00,,,,ELIGIBLE,ELIGIBLE,199.00,");
        append(rules, "eligibility/kuaishou.scenarios.csv", HOSTILE_CSV + ",,600,,,,,,,,,,,ELIGIBLE,ELIGIBLE,100.00,\n");
        TestRules.replace(rules, "deduction/retry-schedule.drl.csv", "Notes,\"When to retry a failed deduction",
                "Notes," + HOSTILE_CSV + "\nNotes,\"" + LONG + "\"\nNotes,\"When to retry a failed deduction");
        TestRules.replace(rules, "eligibility/scenario-offered.drl", "\"%s offers pay after use for %s and every check"
                + " passed\"", "\"%s offers " + HOSTILE.replace("\"", "\\\"") + " for %s and every check passed\"");
        return rules;
    }

    /** A copy of the bundled rules with Kuaishou's Zhima minimum raised from 550 to 600. */
    static Path kuaishou600(Path directory) {
        Path rules = TestRules.copyOfBundled(directory);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600,");
        return rules;
    }

    /**
     * The recorded requests of the diff, flat form: Kuaishou and Tmall eligibility at Zhima 500..700 and Kuaishou
     * refunds; one has a hostile id.
     */
    static List<Map<String, String>> diffRequests() {
        List<Map<String, String>> requests = new java.util.ArrayList<>();
        for (int zhima = 500; zhima <= 700; zhima += 10) {
            requests.add(fields("kind", "eligibility", "profile", "kuaishou", "zhima", String.valueOf(zhima),
                    "amount", "199.00", "id", zhima == 580 ? HOSTILE : "k-" + zhima));
        }
        for (int zhima = 520; zhima <= 640; zhima += 40) {
            requests.add(fields("kind", "eligibility", "profile", "tmall", "zhima", String.valueOf(zhima),
                    "amount", "99.00"));
        }
        for (String paid : List.of("299.99", "300.00", "39.90")) {
            requests.add(fields("kind", "refund", "profile", "kuaishou", "premium", "true", "paid_amount", paid));
        }
        return requests;
    }

    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static void append(Path rules, String relative, String lines) {
        try {
            Files.writeString(rules.resolve(relative), lines, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
