package dev.payafter.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.tools.Differ;
import dev.payafter.tools.ScenarioSuite;
import dev.payafter.tools.Validator;
import dev.payafter.tools.report.ReportModel.RulesPage;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The report as an analyst sees it: written for the bundled rules and for a copy broken on purpose (a failing
 * scenario, a row no scenario fires, a typo'd profile, hostile text in cells, names and messages), an explained
 * request and a diff, then opened in Debian's headless Chromium through Selenium. It asserts what the browser
 * shows and saves a screenshot of each page under {@code target/report-screenshots/}.
 *
 * <p>The browser and its driver are named by path ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, or the
 * system properties {@code payafter.chromium} and {@code payafter.chromedriver}), so Selenium Manager never looks
 * for or downloads one. Where they are missing the test is skipped and says which; in CI (environment {@code CI},
 * or {@code -Dpayafter.browser.required=true}) it fails instead.
 */
class ReportBrowserTest {
    static final Path OUT = Path.of("target", "report-browser");
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    static final String CHROMIUM = System.getProperty("payafter.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("payafter.chromedriver", "/usr/bin/chromedriver");

    static ChromeDriver driver;
    static Path bundledPages;
    static Path brokenPages;
    static Path explainPages;
    static Path brokenExplainPages;
    static Path diffPages;
    static ScenarioSuite.Report bundledSuite;
    static ScenarioSuite.Report brokenSuite;
    static Path k600;

    @BeforeAll
    static void writeTheReportsAndStartTheBrowser() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                missing.add(binary);
            }
        }
        if (!missing.isEmpty()) {
            String message = "the HTML report's browser test needs " + String.join(" and ", missing) + ", not found:"
                    + " install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver, as"
                    + " .ci/run does)";
            if (browserRequired()) {
                Assertions.fail(message + "; CI is set, so the test fails rather than skips");
            }
            Assumptions.abort(message + "; skipped");
        }
        deleteTree(OUT);
        Files.createDirectories(SCREENSHOTS);

        bundledSuite = ScenarioSuite.run(TestRules.BUNDLED, List.of());
        RulesPage bundled = ReportModels.fromRules(TestRules.BUNDLED, Validator.validate(TestRules.BUNDLED, List.of()),
                bundledSuite);
        bundledPages = OUT.resolve("bundled");
        HtmlReport.write(ReportModel.of(bundled), bundledPages);

        Path broken = ReportFixtures.broken(OUT.resolve("broken-rules"));
        brokenSuite = ScenarioSuite.run(broken, List.of());
        brokenPages = OUT.resolve("broken");
        HtmlReport.write(ReportModel.of(ReportModels.fromRules(broken, Validator.validate(broken, List.of()),
                brokenSuite)), brokenPages);

        Map<String, String> request = ReportFixtures.fields("kind", "eligibility", "profile", "kuaishou", "zhima", "580",
                "amount", "199.00");
        Path requestFile = OUT.resolve("request.json");
        explainPages = OUT.resolve("explain");
        HtmlReport.write(ReportModel.of(ReportModels.fromExplain(TestRules.BUNDLED, request, requestFile, List.of())),
                explainPages);
        brokenExplainPages = OUT.resolve("broken-explain");
        HtmlReport.write(ReportModel.of(ReportModels.fromExplain(broken, request, requestFile, List.of())),
                brokenExplainPages);

        k600 = ReportFixtures.kuaishou600(OUT.resolve("rules-600"));
        Path requests = OUT.resolve("requests.jsonl");
        List<ReportModels.Recorded> recorded = new ArrayList<>();
        List<Map<String, String>> fields = ReportFixtures.diffRequests();
        for (int i = 0; i < fields.size(); i++) {
            recorded.add(ReportModels.Recorded.of(fields.get(i), requests, i + 1));
        }
        diffPages = OUT.resolve("diff");
        HtmlReport.write(ReportModel.of(ReportModels.fromDiff(TestRules.BUNDLED, k600, requests.toString(), recorded,
                List.of(), ReportModels.DEFAULT_SAMPLE)), diffPages);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("payafter-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static boolean browserRequired() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")
                || Boolean.getBoolean("payafter.browser.required");
    }

    @AfterAll
    static void stopTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    // ---- the rule-set page ---------------------------------------------------------------------------------------

    @Test
    void bundledRules_everyTableRowSaysHowManyScenariosFiredIt() throws IOException {
        open(bundledPages, HtmlReport.RULES_PAGE);
        List<WebElement> rows = driver.findElements(By.cssSelector("tr[data-rule]"));
        Map<String, Integer> expected = fireCounts(bundledSuite);
        assertThat(rows).hasSizeGreaterThan(20);
        for (WebElement row : rows) {
            String rule = row.getDomAttribute("data-rule");
            int count = expected.getOrDefault(rule, 0);
            String status = row.findElement(By.cssSelector("td.status")).getText();
            assertThat(status).as(rule).isEqualTo(count == 0 ? "never fired"
                    : "fired by " + count + (count == 1 ? " scenario" : " scenarios"));
        }
        long failed = bundledSuite.results().stream().filter(r -> !r.passed()).count();
        assertThat(failed).isZero();
        assertThat(driver.findElement(By.cssSelector(".summary")).getText())
                .contains(bundledSuite.results().size() + " scenarios passed, 0 failed");
        assertThat(driver.findElements(By.cssSelector("div.scenario.fail"))).isEmpty();
        // Chinese as the table has it: the Kuaishou fast-refund notice, drawn in its cell
        assertThat(driver.findElements(By.xpath("//td[normalize-space(.)='" + ReportFixtures.NOTICE + "']")))
                .hasSize(1);
        assertThat(((JavascriptExecutor) driver).executeScript("return document.characterSet")).isEqualTo("UTF-8");
        screenshot("report-bundled");
    }

    @Test
    void brokenRules_theRowNoScenarioFiresIsRedAndSaysNeverFired() throws IOException {
        open(brokenPages, HtmlReport.RULES_PAGE);
        WebElement row = driver.findElement(By.cssSelector("tr[data-rule='eligibility-policy.drl.csv row "
                + ReportFixtures.FUTURE_ROW + "']"));
        assertThat(row.getDomAttribute("class")).contains("never-fired");
        assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("never fired");
        assertThat(row.getText()).contains("STAGED_SERVICE_PAYMENT");
        assertThat(rgb(row.findElement(By.cssSelector("td.status")).getCssValue("background-color")))
                .as("a red background").satisfies(c -> assertThat(c[0]).isGreaterThan(c[1] + 30).isGreaterThan(c[2] + 30));
        // the row above it, fired by every Kuaishou goods scenario, is green and says how many
        WebElement fired = driver.findElement(By.cssSelector("tr[data-rule='eligibility-policy.drl.csv row 11']"));
        int count = fireCounts(brokenSuite).get("eligibility-policy.drl.csv row 11");
        assertThat(fired.findElement(By.cssSelector("td.status")).getText()).isEqualTo("fired by " + count
                + " scenarios");
        assertThat(rgb(fired.findElement(By.cssSelector("td.status")).getCssValue("background-color")))
                .satisfies(c -> assertThat(c[1]).isGreaterThan(c[0]));
        // the typo'd profile: the linter's finding on its Profile cell
        WebElement typo = driver.findElement(By.cssSelector("tr[data-rule='eligibility-policy.drl.csv row "
                + ReportFixtures.TYPO_ROW + "'] td.has-finding"));
        assertThat(typo.getText()).contains("jingdong").contains("UNREACHABLE");
        assertThat(typo.getDomAttribute("title")).contains("can never match").contains("\"jingdong\"");
        assertThat(driver.findElement(By.cssSelector(".summary")).getText()).contains("2 table rows never fired");
        scrollTo(driver.findElement(By.cssSelector("section.table[data-file='eligibility/eligibility-policy.drl.csv']")));
        screenshot("report");
    }

    @Test
    void brokenRules_theFailingScenarioShowsExpectedAgainstActual() throws IOException {
        open(brokenPages, HtmlReport.RULES_PAGE);
        WebElement table = driver.findElement(By.cssSelector(
                "section.scenario-table[data-file='eligibility/kuaishou.scenarios.csv']"));
        long count = brokenSuite.results().stream().filter(r -> r.file().endsWith(Path.of("eligibility",
                "kuaishou.scenarios.csv"))).count();
        assertThat(table.findElement(By.tagName("h3")).getText()).endsWith((count - 1) + "/" + count + " passed");
        WebElement failure = table.findElement(By.cssSelector("div.scenario.fail"));
        assertThat(failure.getDomAttribute("data-line")).isEqualTo(String.valueOf(ReportFixtures.FAILING_LINE));
        assertThat(failure.findElement(By.tagName("h4")).getText())
                .isEqualTo("FAIL line 3: Zhima 549 is refused (boundary)");
        Map<String, List<String>> mismatches = new TreeMap<>();
        for (WebElement tr : failure.findElements(By.cssSelector("table.mismatches tbody tr"))) {
            mismatches.put(tr.findElement(By.tagName("th")).getText(), List.of(
                    tr.findElement(By.cssSelector("td.expected")).getText(),
                    tr.findElement(By.cssSelector("td.actual")).getText()));
        }
        assertThat(mismatches).containsEntry("outcome", List.of("ELIGIBLE", "INELIGIBLE"))
                .containsEntry("reasons", List.of("[ELIGIBLE]", "[SCORE_BELOW_MINIMUM]"))
                .containsEntry("credit to freeze", List.of("199.00", "(none)"));
        assertThat(driver.findElements(By.cssSelector("div.scenario.fail"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector(".summary")).getText()).contains(", 1 failed");
        scrollTo(failure);
        screenshot("report-failing-scenario");
    }

    @Test
    void hostileTextIsShownAsTextAndNothingRuns() throws IOException {
        for (Path pages : List.of(brokenPages, brokenExplainPages)) {
            String page = pages == brokenPages ? HtmlReport.RULES_PAGE : HtmlReport.EXPLAIN_PAGE;
            open(pages, page);
            assertThat(driver.getTitle()).doesNotContain("pwned");
            assertThat(driver.findElements(By.tagName("script"))).as(page).isEmpty();
            assertThat(driver.findElements(By.tagName("img"))).as(page).isEmpty();
            assertThat(driver.findElements(By.tagName("b"))).as(page).isEmpty();
            assertThat(driver.findElements(By.tagName("style"))).as(page).hasSize(1);
            String text = (String) ((JavascriptExecutor) driver).executeScript("return document.body.textContent");
            assertThat(text).as(page).contains(ReportFixtures.HOSTILE);
            // the page's own style still applies: a hostile "</style>" did not end it early
            assertThat(driver.findElement(By.tagName("header")).getCssValue("background-color"))
                    .isEqualTo("rgba(35, 48, 61, 1)");
        }
        open(brokenPages, HtmlReport.RULES_PAGE);
        WebElement note = driver.findElement(By.xpath("//section[@data-file='deduction/retry-schedule.drl.csv']"
                + "//td[normalize-space(.)=" + xpathLiteral(ReportFixtures.HOSTILE) + "]"));
        assertThat(note.getText()).isEqualTo(ReportFixtures.HOSTILE);
        WebElement longCell = driver.findElement(By.xpath("//section[@data-file='deduction/retry-schedule.drl.csv']"
                + "//td[starts-with(normalize-space(.), 'Long note:')]"));
        assertThat(longCell.getSize().getWidth()).as("a long cell wraps").isLessThan(520);
        assertThat(longCell.getText().replaceAll("\\s+", " ")).isEqualTo(ReportFixtures.LONG);
        // the scenario with the hostile name passed; it is listed under its table's passed scenarios
        String passed = driver.findElement(By.cssSelector(
                "section.scenario-table[data-file='eligibility/kuaishou.scenarios.csv'] ol.passed"))
                .getDomProperty("textContent");
        assertThat(passed).contains(ReportFixtures.HOSTILE);
        open(diffPages, HtmlReport.DIFF_PAGE);
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("table.changed")).getText()).contains(ReportFixtures.HOSTILE);
    }

    // ---- explain -------------------------------------------------------------------------------------------------

    @Test
    void explain_theFiredRowsAreHighlightedInTheirTablesWithTheReasons() throws IOException {
        open(explainPages, HtmlReport.EXPLAIN_PAGE);
        assertThat(driver.findElement(By.id("outcome")).getText()).isEqualTo("ELIGIBLE");
        WebElement fired = driver.findElement(By.cssSelector("tr[data-rule='eligibility-policy.drl.csv row 11']"));
        assertThat(fired.getDomAttribute("class")).contains("fired").doesNotContain("not-fired");
        assertThat(fired.findElement(By.cssSelector("td.status")).getText()).isEqualTo("fired (#1 in order)");
        assertThat(fired.getText()).contains("kuaishou").contains("550");
        List<WebElement> firedRows = driver.findElements(By.cssSelector("tr.fired[data-rule]"));
        assertThat(firedRows).hasSize(1);
        WebElement tmall = driver.findElement(By.cssSelector("tr[data-rule='eligibility-policy.drl.csv row 12']"));
        assertThat(tmall.getDomAttribute("class")).contains("not-fired");
        assertThat(tmall.findElement(By.cssSelector("td.status")).getText())
                .contains("did not fire").contains("profile was \"kuaishou\"");
        List<WebElement> reasons = driver.findElements(By.cssSelector("table.reasons tbody tr"));
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0).getText()).contains("ELIGIBLE")
                .contains("kuaishou offers pay after use for ECOMMERCE_GOODS and every check passed")
                .contains("Profile offers pay after use in this scenario");
        assertThat(driver.findElement(By.cssSelector("table.request")).getText()).contains("580").contains("199.00");
        screenshot("explain");
        open(brokenExplainPages, HtmlReport.EXPLAIN_PAGE);
        assertThat(driver.findElement(By.cssSelector("table.reasons tbody tr")).getText())
                .contains(ReportFixtures.HOSTILE);
    }

    // ---- diff ----------------------------------------------------------------------------------------------------

    @Test
    void diff_theMatrixAndTheRatesAreTheDecisionsCountedIndependently() throws IOException {
        // decide every request with engines of their own, through the request builders, and count per profile
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        long changedOutcomes = 0;
        try (PayAfterEngine before = PayAfterEngine.builder().rules(TestRules.BUNDLED).profile("kuaishou").build();
                PayAfterEngine after = PayAfterEngine.builder().rules(k600).profile("kuaishou").build()) {
            for (Map<String, String> f : ReportFixtures.diffRequests()) {
                String profile = f.get("profile");
                String a;
                String b;
                if (f.get("kind").equals("eligibility")) {
                    EligibilityRequest r = EligibilityRequest.builder("o", Scenario.ECOMMERCE_GOODS,
                            new BigDecimal(f.get("amount"))).productPayAfterUseEnabled(true).merchant(Merchant.enabled("m"))
                            .consumer(Consumer.inGoodStanding("c", new BigDecimal("5000.00"),
                                    CreditScore.zhima(Integer.parseInt(f.get("zhima"))))).build();
                    a = before.withProfile(profile).decide(r).outcome().name();
                    b = after.withProfile(profile).decide(r).outcome().name();
                } else {
                    RefundRequest r = RefundRequest.builder("o", Buyer.builder("b").premium(true).build(),
                            new BigDecimal(f.get("paid_amount"))).shipping(ShippingStatus.UNSHIPPED)
                            .category(CategoryType.PHYSICAL).build();
                    a = before.withProfile(profile).decide(r).outcome().name();
                    b = after.withProfile(profile).decide(r).outcome().name();
                }
                expected.computeIfAbsent(f.get("kind") + "/" + profile, k -> new TreeMap<>())
                        .merge(a + "->" + b, 1L, Long::sum);
                changedOutcomes += a.equals(b) ? 0 : 1;
            }
        }
        assertThat(changedOutcomes).as("the diff moves some Kuaishou decisions").isPositive();
        open(diffPages, HtmlReport.DIFF_PAGE);
        for (Map.Entry<String, Map<String, Long>> group : expected.entrySet()) {
            String[] key = group.getKey().split("/");
            WebElement section = driver.findElement(By.cssSelector("section.profile-diff[data-kind='" + key[0]
                    + "'][data-profile='" + key[1] + "']"));
            long total = 0;
            for (WebElement cell : section.findElements(By.cssSelector("table.matrix td:not(.total)"))) {
                String move = cell.getDomAttribute("data-before") + "->" + cell.getDomAttribute("data-after");
                assertThat(Long.parseLong(cell.getText())).as(group.getKey() + " " + move)
                        .isEqualTo(group.getValue().getOrDefault(move, 0L));
                total += Long.parseLong(cell.getText());
            }
            long all = group.getValue().values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).as(group.getKey() + ": every request in one cell").isEqualTo(all);
            String approved = key[0].equals("eligibility") ? "ELIGIBLE" : "AUTO_APPROVED";
            long approvedBefore = group.getValue().entrySet().stream().filter(e -> e.getKey().startsWith(approved + "->"))
                    .mapToLong(Map.Entry::getValue).sum();
            long approvedAfter = group.getValue().entrySet().stream().filter(e -> e.getKey().endsWith("->" + approved))
                    .mapToLong(Map.Entry::getValue).sum();
            String rateBefore = percent(approvedBefore, all);
            String rateAfter = percent(approvedAfter, all);
            assertThat(section.findElement(By.cssSelector(".rate-before")).getText()).isEqualTo(rateBefore + "%");
            assertThat(section.findElement(By.cssSelector(".rate-after")).getText()).isEqualTo(rateAfter + "%");
            WebElement bars = driver.findElement(By.cssSelector("svg.rates-chart g[data-kind='" + key[0]
                    + "'][data-profile='" + key[1] + "']"));
            assertThat(bars.findElement(By.cssSelector("text.rate-before")).getText()).isEqualTo("before " + rateBefore
                    + "%");
            assertThat(bars.findElement(By.cssSelector("text.rate-after")).getText()).isEqualTo("after " + rateAfter + "%");
            double width = Double.parseDouble(bars.findElement(By.cssSelector("rect.bar-after")).getDomAttribute("width"));
            assertThat(width).isCloseTo(Double.parseDouble(rateAfter) * 4.2, org.assertj.core.data.Offset.offset(0.1));
        }
        assertThat(driver.findElements(By.cssSelector("section.profile-diff"))).hasSize(expected.size());

        // the same requests through the command line's diff: as many changed decisions
        Path requests = OUT.resolve("requests.jsonl");
        StringBuilder lines = new StringBuilder();
        for (Map<String, String> f : ReportFixtures.diffRequests()) {
            lines.append(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(f))
                    .append('\n');
        }
        Files.writeString(requests, lines, StandardCharsets.UTF_8);
        Differ.Report report = Differ.diff(TestRules.BUNDLED, k600, requests, OUT.resolve("changed.jsonl"), 1,
                List.of());
        assertThat(driver.findElement(By.id("changed")).getText()).isEqualTo(report.changed() + " decisions changed");
        assertThat(driver.findElements(By.cssSelector("table.changed tbody tr"))).hasSize((int) report.changed());
        assertThat(driver.findElement(By.cssSelector("tr[data-code='SCORE_BELOW_MINIMUM'] td.appeared")).getText())
                .isEqualTo("+" + report.reasons().get("+SCORE_BELOW_MINIMUM"));
        screenshot("diff");
    }

    @Test
    void index_linksEveryPage() throws IOException {
        open(brokenPages, HtmlReport.INDEX_PAGE);
        WebElement link = driver.findElement(By.linkText("Rule set"));
        link.click();
        assertThat(driver.getCurrentUrl()).endsWith("/broken/report.html");
        open(diffPages, HtmlReport.INDEX_PAGE);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Diff").contains("changed");
        screenshot("index");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    static Map<String, Integer> fireCounts(ScenarioSuite.Report suite) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ScenarioResult result : suite.results()) {
            for (String rule : new LinkedHashSet<>(result.firedRules())) {
                counts.merge(rule, 1, Integer::sum);
            }
        }
        return counts;
    }

    static void open(Path pages, String page) {
        driver.get(pages.resolve(page).toAbsolutePath().toUri().toString());
        assertThat(driver.getTitle()).isNotEmpty();
    }

    static void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true); window.scrollBy(0, -8);",
                element);
    }

    static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    static int[] rgb(String css) {
        String[] parts = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    static String percent(long part, long whole) {
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).toPlainString();
    }

    /** An XPath string literal of any text (XPath 1.0 has no escapes: concat the parts between quotes). */
    static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        StringBuilder out = new StringBuilder("concat(");
        String[] parts = s.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : ", \"'\", ").append('\'').append(parts[i]).append('\'');
        }
        return out.append(')').toString();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
