package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.live.JsonLinesAuditSink;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import dev.payafter.tools.AnalystCli;
import dev.payafter.tools.Differ;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, section 5: inputs are bounded before they are used. Hostile numbers, strings, times and counts through
 * the Java API; hostile request files (JSON, JSON Lines, CSV) through the analyst tool, refused with exit 2 and
 * {@code file:line: field: value: why} before any rule is compiled; the audit sink's lines stay lines for every
 * character. Each refusal is checked for the field it names, a short message, and a time bound where the same
 * input used to take minutes or the whole heap.
 */
class BoundedInputsTest {
    /** Generous: each of these takes milliseconds now; 415 s or an OutOfMemoryError before. */
    static final Duration QUICKLY = Duration.ofSeconds(5);
    /** The longest message a refusal may have. */
    static final int SHORT = 300;

    @TempDir
    static Path shared;
    /** A rule set that does not compile: a run that reaches the compiler exits 1 and says so. */
    static Path brokenRules;

    @TempDir
    Path temp;

    @BeforeAll
    static void brokenRules() {
        brokenRules = shared.resolve("broken");
        TestRules.write(brokenRules, "eligibility/consumer-standing.drl", "package eligibility;\n\n"
                + "import dev.payafter.eligibility.Consumer;\n\nrule \"Consumer revoked for abuse\"\nwhen\n"
                + "    Consumer( revokedForAbuse == true\nthen\nend\n");
    }

    // ---- the Java API: money ---------------------------------------------------------------------------------

    /** Hostile amounts: huge exponents either way, huge scales, long digit strings, and just over each bound. */
    static Stream<String> hostileAmounts() {
        return Stream.of("1e99999999", "1E-999999999", "-1e999999999", "1e999999999", "0E-999999999",
                "0E+999999999", "1E+2147483647", "1E-2147483647", "-1E-2147483647",
                "1" + "0".repeat(20_000), "0." + "0".repeat(20_000) + "1", "1." + "0".repeat(20_000),
                "9".repeat(31), "1000000000000", "1000000000000.00", "1e12", "999999999999.995", "0.001",
                "-0.01");
    }

    /** Each money field of each request, built with one amount. */
    static Stream<Arguments> moneyFields() {
        List<Arguments> fields = new ArrayList<>();
        fields.add(arguments("EligibilityRequest.amount", (Function<BigDecimal, Object>) amount ->
                new EligibilityRequest("o-1", Scenario.ECOMMERCE_GOODS, amount, true, consumer(new BigDecimal("1.00")),
                        Merchant.enabled("m-1"))));
        fields.add(arguments("Consumer.availableCredit", (Function<BigDecimal, Object>) BoundedInputsTest::consumer));
        fields.add(arguments("RefundRequest.paidAmount", (Function<BigDecimal, Object>) paid ->
                new RefundRequest("o-1", Buyer.judgedByHost("b-1", true), paid, ShippingStatus.UNSHIPPED,
                        CategoryType.PHYSICAL, false)));
        fields.add(arguments("DeductionRequest.amount", (Function<BigDecimal, Object>) amount ->
                DeductionRequest.builder("o-1", "c-1", OrderKind.GOODS, amount, ORDERED).build()));
        fields.add(arguments("DeductionRequest.actualFee", (Function<BigDecimal, Object>) fee ->
                DeductionRequest.builder("o-1", "c-1", OrderKind.SERVICE, new BigDecimal("10.00"), ORDERED)
                        .actualFee(fee).build()));
        return fields.stream();
    }

    static final Instant ORDERED = Instant.parse("2026-03-01T02:00:00Z");

    static Consumer consumer(BigDecimal availableCredit) {
        return new Consumer("c-1", List.of(CreditScore.zhima(700)), RiskAssessment.PASSED, false, 0, availableCredit);
    }

    static Stream<Arguments> hostileMoney() {
        return moneyFields().flatMap(field -> hostileAmounts().map(amount -> arguments(field.get()[0], field.get()[1],
                amount)));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("hostileMoney")
    void everyMoneyFieldRefusesAHostileAmountAtOnceWithAShortMessage(String field, Function<BigDecimal, Object> build,
            String amount) {
        BigDecimal value = new BigDecimal(amount); // built outside the time bound: the host's own cost
        InvalidRequestException e = refusedQuickly(() -> build.apply(value));
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ").hasSizeLessThan(SHORT);
        assertThat(e.value()).hasSizeLessThanOrEqualTo(60);
    }

    @Test
    void hugeExponentsAreShownInScientificFormAndLongDigitStringsByTheirPrefix() {
        assertThat(refusedQuickly(() -> consumer(new BigDecimal("1e99999999"))).getMessage())
                .isEqualTo("Consumer.availableCredit: \"1E+99999999\" must be under 1000000000000 (10^12 yuan)");
        assertThat(refusedQuickly(() -> consumer(new BigDecimal("-1e999999999"))).getMessage())
                .isEqualTo("Consumer.availableCredit: \"-1E+999999999\" must not be negative");
        assertThat(refusedQuickly(() -> consumer(new BigDecimal("1E-999999999"))).getMessage())
                .isEqualTo("Consumer.availableCredit: \"1E-999999999\" is written with more than 30 decimal places");
        String digits = "12345678901234567890".repeat(5);
        assertThat(refusedQuickly(() -> consumer(new BigDecimal(digits))).getMessage())
                .isEqualTo("Consumer.availableCredit: \"" + digits.substring(0, 40) + "…(100 chars)\" has more than 30"
                        + " digits");
        assertThat(refusedQuickly(() -> consumer(new BigDecimal("7" + "0".repeat(100_000)))).value())
                .matches("\\(a number of about 100[0-9]{3} digits\\)"); // its text is never computed
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999.99", "999999999999.990000", "0E-30", "1e11", "0.10", "300.000"})
    void amountsJustInsideTheBoundsAreAccepted(String amount) {
        assertThat(consumer(new BigDecimal(amount)).availableCredit())
                .isEqualByComparingTo(new BigDecimal(amount)).hasScaleOf(2);
    }

    // ---- the Java API: every other number, ids, times, counts ----------------------------------------------

    static Stream<String> hostileRates() {
        return Stream.of("1e99999999", "1E-999999999", "-1e999999999", "1e999999999", "0E-999999999",
                "1" + "0".repeat(10_000), "0." + "0".repeat(10_000) + "5", "100.0000001", "1E+3", "100.000001",
                "-0.0001");
    }

    @ParameterizedTest(name = "refund rate {0}")
    @MethodSource("hostileRates")
    void theRefundRatePercentageIsBoundedBeforeItIsCompared(String rate) {
        BigDecimal value = new BigDecimal(rate);
        InvalidRequestException e = refusedQuickly(() -> new TradingHistory(3, value, 0));
        assertThat(e.field()).isEqualTo("TradingHistory.refundRatePercent");
        assertThat(e.getMessage()).hasSizeLessThan(SHORT);
    }

    @Test
    void percentagesWithinTheBoundsAreAccepted() {
        assertThat(new TradingHistory(0, new BigDecimal("1e2"), 0).refundRatePercent()).isEqualByComparingTo("100");
        assertThat(new TradingHistory(0, new BigDecimal("33.333333"), 0).refundRatePercent())
                .isEqualByComparingTo("33.333333");
    }

    static Stream<Arguments> otherNumbers() {
        return Stream.of(
                bad("zhima MIN_VALUE", () -> CreditScore.zhima(Integer.MIN_VALUE), "CreditScore.value"),
                bad("zhima MAX_VALUE", () -> CreditScore.zhima(Integer.MAX_VALUE), "CreditScore.value"),
                bad("wechat MAX_VALUE", () -> CreditScore.wechatPayScore(Integer.MAX_VALUE), "CreditScore.value"),
                bad("xiaobai MIN_VALUE", () -> CreditScore.jdXiaobai(Integer.MIN_VALUE), "CreditScore.value"),
                bad("merchant minimum MAX_VALUE", () -> Merchant.enabledWithMinimum("m", Integer.MAX_VALUE),
                        "Merchant.minimumScore"),
                bad("merchant minimum MIN_VALUE", () -> new Merchant("m", true, Integer.MIN_VALUE),
                        "Merchant.minimumScore"),
                bad("overdue orders MIN_VALUE", () -> new Consumer("c", List.of(), RiskAssessment.PASSED, false,
                        Integer.MIN_VALUE, BigDecimal.ONE), "Consumer.overdueUnpaidOrders"),
                bad("completed orders MIN_VALUE", () -> new TradingHistory(Integer.MIN_VALUE, BigDecimal.ONE, 0),
                        "TradingHistory.completedOrders"),
                bad("disputes MIN_VALUE", () -> new TradingHistory(0, BigDecimal.ONE, Integer.MIN_VALUE),
                        "TradingHistory.disputes"),
                bad("ordered at Instant.MAX", () -> goodsOrderedAt(Instant.MAX), "DeductionRequest.orderedAt"),
                bad("ordered at Instant.MIN", () -> goodsOrderedAt(Instant.MIN), "DeductionRequest.orderedAt"),
                bad("ordered in the year 10000", () -> goodsOrderedAt(Instant.parse("+10000-01-01T00:00:00Z")),
                        "DeductionRequest.orderedAt"),
                bad("ordered before 1970", () -> goodsOrderedAt(Instant.parse("1969-12-31T23:59:59Z")),
                        "DeductionRequest.orderedAt"),
                bad("delivered at Instant.MAX", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        BigDecimal.TEN, ORDERED).deliveredAt(Instant.MAX).build(), "DeductionRequest.deliveredAt"),
                bad("confirmed at Instant.MAX", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        BigDecimal.TEN, ORDERED).deliveredAt(ORDERED).receiptConfirmedAt(Instant.MAX).build(),
                        "DeductionRequest.receiptConfirmedAt"),
                bad("a failed attempt at Instant.MAX", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        BigDecimal.TEN, ORDERED).deliveredAt(ORDERED).failedAttempt(Instant.MAX).build(),
                        "DeductionRequest.failedAttempts[0]"),
                bad("1,001 failed attempts", () -> attempts(1_001), "DeductionRequest.failedAttempts"),
                bad("2,000,000 failed attempts", () -> attempts(2_000_000), "DeductionRequest.failedAttempts"),
                bad("a 10 MB order id", () -> new EligibilityRequest("o".repeat(10_000_000), Scenario.TELECOM,
                        BigDecimal.TEN, true, consumer(BigDecimal.TEN), Merchant.enabled("m")),
                        "EligibilityRequest.orderId"),
                bad("a 201-character consumer id", () -> Consumer.inGoodStanding("c".repeat(201), BigDecimal.ONE),
                        "Consumer.id"),
                bad("a long buyer id", () -> Buyer.judgedByHost("\u2028".repeat(1_000_000), true), "Buyer.id"),
                bad("a blank id of line separators", () -> Merchant.enabled("\u2028\u2029 \n\t"), "Merchant.id"));
    }

    static Arguments bad(String description, ThrowingCallable request, String field) {
        return arguments(description, request, field);
    }

    static DeductionRequest goodsOrderedAt(Instant orderedAt) {
        return DeductionRequest.builder("o", "c", OrderKind.GOODS, BigDecimal.TEN, orderedAt).build();
    }

    static DeductionRequest attempts(int count) {
        return new DeductionRequest("o", "c", OrderKind.GOODS, BigDecimal.TEN, ORDERED, null, ORDERED, null, false,
                dev.payafter.deduction.ReturnState.NONE, null, Collections.nCopies(count, ORDERED), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherNumbers")
    void everyOtherNumberIdTimeAndCountIsBoundedWithAShortEscapedMessage(String description, ThrowingCallable request,
            String field) {
        InvalidRequestException e = refusedQuickly(request);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ").hasSizeLessThan(SHORT);
        assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
    }

    @Test
    void aShownValueIsCutAfter40CharactersAndEscaped() {
        InvalidRequestException e = refusedQuickly(() -> Consumer.inGoodStanding("\u001b[31m" + "x".repeat(300),
                BigDecimal.ONE));
        assertThat(e.getMessage()).isEqualTo("Consumer.id: \"\\u001b[31m" + "x".repeat(30) + "…(305 chars)\" is"
                + " longer than 200 characters"); // 40 characters shown, the escape counted
        InvalidRequestException separators = refusedQuickly(() -> Buyer.judgedByHost("\u2028".repeat(1_000), true));
        assertThat(separators.value()).isEqualTo("\\u2028".repeat(7) + "…(1000 chars)");
        InvalidRequestException lone = refusedQuickly(() -> Merchant.enabled("\ud800 \udc00".repeat(100)));
        assertThat(lone.value()).isEqualTo("\\ud800 \\udc00".repeat(3) + "\\ud800…(300 chars)");
        InvalidRequestException pairs = refusedQuickly(() -> Merchant.enabled("\ud83d\ude00".repeat(150)));
        assertThat(pairs.value()).isEqualTo("\ud83d\ude00".repeat(20) + "…(300 chars)"); // never split
        InvalidRequestException list = refusedQuickly(() -> attempts(5_000));
        assertThat(list.value()).isEqualTo("[2026-03-01T02:00:00Z, 2026-03-01T02:00:…(5000 items)");
    }

    // ---- the analyst tool: request files ---------------------------------------------------------------------

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AnalystCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
    }

    /** {@code explain} (one request) or {@code diff} (many), against rules that would fail if compiled. */
    static Run run(Path requests) {
        String name = requests.getFileName().toString();
        return name.endsWith(".json") ? cli("explain", brokenRules.toString(), requests.toString())
                : cli("diff", brokenRules.toString(), brokenRules.toString(), requests.toString(), "--out",
                        requests.resolveSibling("changed.jsonl").toString());
    }

    /**
     * Refused as a bad request file: exit 2, nothing compiled or decided, a line {@code file:line: ...} naming one of
     * the fields, every line short and free of raw control characters.
     */
    static void assertRefused(Run run, Path file, int line, String... fields) {
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).as("nothing compiled: %s", run).doesNotContain("the rules do not compile").isEmpty();
        String where = file + ":" + line + ": ";
        assertThat(run.err().lines().filter(l -> l.startsWith(where)).toList()).as(run.err()).isNotEmpty()
                .allSatisfy(l -> assertThat(List.of(fields)).anySatisfy(f -> assertThat(l).contains(f)));
        assertThat(run.err().lines().toList()).allSatisfy(l -> assertThat(l).hasSizeLessThan(SHORT)
                .doesNotContain("\r", "\u001b", "\u2028", "\u2029", "\u0085", "\u0000"));
        assertThat(run.err()).contains("the request file is refused; nothing was decided");
    }

    /** The control for {@link #assertRefused}: a valid request does reach the compiler, which fails. */
    @Test
    void aValidRequestFileReachesTheCompilerWhichTheseBrokenRulesFail() throws IOException {
        Path json = Files.writeString(temp.resolve("ok.json"), "{\"kind\": \"eligibility\", \"profile\": \"kuaishou\","
                + " \"zhima\": 600, \"amount\": 199.00}");
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = AnalystCli.run(new String[] {"explain", brokenRules.toString(), json.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
            return new Run(code, out.toString(StandardCharsets.UTF_8), "");
        });
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("the rules do not compile");
    }

    /** A field of each kind, its column and the request field its checks name. */
    static final List<List<String>> NUMERIC_FIELDS = List.of(
            List.of("eligibility", "amount", "EligibilityRequest.amount"),
            List.of("eligibility", "available_credit", "Consumer.availableCredit"),
            List.of("eligibility", "zhima", "CreditScore.value"),
            List.of("eligibility", "wechat_pay_score", "CreditScore.value"),
            List.of("eligibility", "jd_xiaobai", "CreditScore.value"),
            List.of("eligibility", "overdue_orders", "Consumer.overdueUnpaidOrders"),
            List.of("eligibility", "merchant_minimum", "Merchant.minimumScore"),
            List.of("eligibility", "name", "name"), // kept for people, never used: still bounded
            List.of("refund", "paid_amount", "RefundRequest.paidAmount"),
            List.of("refund", "refund_rate_percent", "TradingHistory.refundRatePercent"),
            List.of("refund", "completed_orders", "TradingHistory.completedOrders"),
            List.of("refund", "disputes", "TradingHistory.disputes"),
            List.of("deduction", "amount", "DeductionRequest.amount"),
            List.of("deduction", "actual_fee", "DeductionRequest.actualFee"));

    /** Numbers as JSON writes them: exponents, scales, long digit strings, and texts that are not JSON numbers. */
    static final List<String> HOSTILE_JSON_NUMBERS = List.of("1e999999999", "-1e999999999", "1E-999999999",
            "1e99999999", "1" + "0".repeat(5_000), "0." + "0".repeat(5_000) + "1", "9".repeat(40), "1e-40",
            "5001e9999999990", "0E-9999999990", "1e-2147483649", // exponents past the int range (found by the fuzzer)
            "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "0x1F", "1e", "1_000");

    /** The same as text: in a JSON string and in a CSV cell. */
    static final List<String> HOSTILE_NUMBER_TEXTS = List.of("1e999999999", "-1e999999999", "1E-999999999",
            "1e99999999", "1" + "0".repeat(5_000), "9".repeat(40), "5001e9999999990", "NaN", "Infinity", "0x1F",
            "1,000", "١٢٣",
            "\u202e12", "5\u0000");

    static String base(String kind) {
        return switch (kind) {
            case "eligibility" -> "\"kind\": \"eligibility\", \"profile\": \"kuaishou\", \"zhima\": 600";
            case "refund" -> "\"kind\": \"refund\", \"profile\": \"kuaishou\", \"premium\": true";
            default -> "\"kind\": \"deduction\", \"profile\": \"kuaishou\", \"now\": \"2026-03-20T10:00+08:00\","
                    + " \"ordered_at\": \"2026-03-01T10:00+08:00\", \"order_kind\": \"SERVICE\"";
        };
    }

    static Stream<Arguments> hostileNumbersInFiles() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> field : NUMERIC_FIELDS) {
            for (String number : HOSTILE_JSON_NUMBERS) {
                cases.add(arguments("json", field, number));
            }
            if (field.get(1).equals("name")) {
                continue; // a name's text is for people: only a JSON number there is read as a number
            }
            for (String text : HOSTILE_NUMBER_TEXTS) {
                cases.add(arguments("json-string", field, text));
                cases.add(arguments("jsonl", field, text));
                cases.add(arguments("csv", field, text));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("hostileNumbersInFiles")
    void aHostileNumberInAnyFieldOfAnyRequestFileExitsTwoBeforeAnyRuleIsCompiled(String format, List<String> field,
            String number) throws IOException {
        String kind = field.get(0);
        String column = field.get(1);
        Path file;
        int line;
        switch (format) {
            case "json" -> { // the field on line 3 of a .json file
                file = Files.writeString(temp.resolve("request.json"), "{" + base(kind) + ",\n\n  \"" + column
                        + "\": " + number + "\n}\n");
                line = 3;
            }
            case "json-string" -> {
                file = Files.writeString(temp.resolve("request.json"), "{" + base(kind) + ", \"" + column + "\": \""
                        + number.replace("\u0000", "\\u0000") + "\"}");
                line = 1;
            }
            case "jsonl" -> { // a good line, then the bad one
                file = Files.writeString(temp.resolve("requests.jsonl"), "{" + base(kind) + "}\n{" + base(kind)
                        + ", \"" + column + "\": \"" + number.replace("\u0000", "\\u0000") + "\"}\n");
                line = 2;
            }
            default -> {
                List<String> header = new ArrayList<>(List.of("kind", "profile"));
                List<String> cells = new ArrayList<>(List.of(kind, "kuaishou"));
                switch (kind) {
                    case "eligibility" -> { }
                    case "refund" -> {
                        header.add("premium");
                        cells.add("true");
                    }
                    default -> {
                        header.addAll(List.of("now", "ordered_at", "order_kind"));
                        cells.addAll(List.of("2026-03-20T10:00+08:00", "2026-03-01T10:00+08:00", "SERVICE"));
                    }
                }
                header.add(column);
                cells.add("\"" + number + "\"");
                file = Files.writeString(temp.resolve("requests.csv"), String.join(",", header) + "\n"
                        + String.join(",", cells) + "\n");
                line = 2;
            }
        }
        Run run = run(file);
        assertRefused(run, file, line, column, field.get(2));
    }

    static Stream<Arguments> deepNesting() {
        String start = "{\"kind\": \"eligibility\", \"profile\": \"kuaishou\", ";
        return Stream.of(
                arguments("arrays", "[".repeat(200_000), "request"),
                arguments("objects", "{\"a\":".repeat(200_000), "field"),
                arguments("arrays in a field", start + "\"zhima\": " + "[".repeat(200_000), "zhima"),
                arguments("objects in a field", start + "\"name\": " + "{\"a\":".repeat(200_000), "name"),
                arguments("closed arrays in a field", start + "\"failed_attempts\": " + "[".repeat(1_000)
                        + "]".repeat(1_000) + "}", "failed_attempts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepNesting")
    void deepNestingOfArraysAndObjectsIsRefusedWithoutOverflowingTheStack(String description, String deep,
            String field) throws IOException {
        for (String name : List.of("deep.json", "deep.jsonl")) {
            Path file = Files.writeString(temp.resolve(name), deep + "\n");
            assertRefused(run(file), file, 1, field);
        }
    }

    @Test
    void aLineOrAFileTooLongIsRefusedWithoutReadingItWhole() throws IOException {
        Path jsonl = Files.writeString(temp.resolve("long.jsonl"), "{" + base("eligibility") + "}\n{\"name\": \""
                + "x".repeat(3 << 20) + "\"}\n{" + base("eligibility").replace("600", "9999") + "}\n");
        Run run = run(jsonl);
        assertRefused(run, jsonl, 2, "longer than 1048576 bytes");
        assertThat(run.err()).contains(jsonl + ":3: CreditScore.value: 9999 is outside"); // reading went on
        Path json = Files.writeString(temp.resolve("long.json"), "{" + base("eligibility") + ",\n\"name\": \""
                + "x".repeat(600_000) + "\",\n\"id\": \"" + "y".repeat(600_000) + "\"}");
        assertRefused(run(json), json, 3, "at most 1048576 bytes");
    }

    /** Malformed UTF-8 of several kinds, with the byte the reader reports first. */
    static Stream<Arguments> malformedUtf8() {
        return Stream.of(
                arguments("a lone continuation byte", new byte[] {(byte) 0x80}, 0x80),
                arguments("a lead byte without its continuation", new byte[] {(byte) 0xc3, 'x'}, 0xc3),
                arguments("an overlong slash", new byte[] {(byte) 0xc0, (byte) 0xaf}, 0xc0),
                arguments("an encoded surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0xed),
                arguments("past U+10FFFF", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0xf4),
                arguments("the byte 0xFF", new byte[] {(byte) 0xff}, 0xff),
                arguments("a five-byte form", new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                    (byte) 0x80}, 0xf8),
                arguments("Latin-1 text", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), 0xe9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUtf8")
    void malformedUtf8IsRefusedNamingLineByteAndOffset(String description, byte[] bad, int firstBadByte)
            throws IOException {
        String good = "{" + base("eligibility") + "}\n";
        String before = "{" + base("eligibility") + ", \"name\": \"";
        int badAt = indexOfFirstBad(bad);
        for (String name : List.of("bad.jsonl", "bad.json", "bad.csv")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String prefix;
            int line;
            if (name.endsWith(".csv")) {
                prefix = "kind,profile,name\neligibility,kuaishou,";
                line = 2;
            } else if (name.endsWith(".jsonl")) {
                prefix = good + before;
                line = 2;
            } else {
                prefix = "{" + base("eligibility") + ",\n\"name\": \"";
                line = 2;
            }
            bytes.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(bad);
            bytes.writeBytes((name.endsWith(".csv") ? "\n" : "\"}\n").getBytes(StandardCharsets.UTF_8));
            Path file = Files.write(temp.resolve(name), bytes.toByteArray());
            long offset = prefix.getBytes(StandardCharsets.UTF_8).length + badAt;
            Run run = run(file);
            assertRefused(run, file, line, String.format("not valid UTF-8 (byte 0x%02x at offset %d)", firstBadByte,
                    offset));
        }
    }

    private static int indexOfFirstBad(byte[] bad) {
        return bad[0] == 'c' ? 3 : 0; // "caf" then 0xE9
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                arguments("a typo", "{" + base("eligibility") + ", \"zhimaa\": 600}", "zhimaa"),
                arguments("an unknown field set to null", "{" + base("eligibility") + ", \"score\": null}", "score"),
                arguments("an unknown field set to \"\"", "{" + base("refund") + ", \"paid\": \"\"}", "paid"),
                arguments("a field of another kind", "{" + base("eligibility") + ", \"paid_amount\": 1}",
                        "paid_amount"),
                arguments("an expected_* column", "{" + base("refund") + ", \"expected_outcome\": \"X\"}",
                        "expected_outcome"),
                arguments("a field given twice", "{" + base("eligibility") + ", \"zhima\": 700}", "zhima"),
                arguments("a name with a line break", "{" + base("eligibility") + ", \"zh\\nima\": 1}", "zh\\nima"),
                arguments("a 5,000-character name", "{" + base("eligibility") + ", \"" + "n".repeat(5_000)
                        + "\": 1}", "ame length"),
                arguments("order_kind on a refund", "{" + base("refund") + ", \"order_kind\": \"GOODS\"}",
                        "order_kind"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void anUnknownFieldExitsTwoBeforeAnyRuleIsCompiled(String description, String request, String field)
            throws IOException {
        Path json = Files.writeString(temp.resolve("request.json"), request);
        assertRefused(run(json), json, 1, field);
        Path jsonl = Files.writeString(temp.resolve("requests.jsonl"), request + "\n");
        assertRefused(run(jsonl), jsonl, 1, field);
    }

    @Test
    void anUnknownCsvColumnIsRefusedAtTheHeaderEvenWhenBlank() throws IOException {
        Path csv = Files.writeString(temp.resolve("requests.csv"), "kind,profile,zhima,zhimaa\n"
                + "eligibility,kuaishou,600,\n");
        assertRefused(run(csv), csv, 1, "zhimaa");
        Path twice = Files.writeString(temp.resolve("requests.csv"), "kind,profile,zhima,zhima\n");
        assertRefused(run(twice), twice, 1, "appears twice");
    }

    /** Invalid values of each kind: each exits 2 (a deduction's printed INVALID_REQUEST and exited 0). */
    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments(base("eligibility").replace("600", "951"), "CreditScore.value"),
                arguments(base("eligibility") + ", \"amount\": 0", "EligibilityRequest.amount"),
                arguments(base("eligibility") + ", \"amount\": -1", "EligibilityRequest.amount"),
                arguments(base("eligibility") + ", \"scenario\": \"NOPE\"", "scenario"),
                arguments(base("eligibility") + ", \"risk_assessment\": \"MAYBE\"", "risk_assessment"),
                arguments(base("eligibility") + ", \"revoked\": \"perhaps\"", "revoked"),
                arguments(base("eligibility").replace("\"kuaishou\"", "\"\""), "profile"),
                arguments(base("eligibility").replace("\"eligibility\"", "\"loan\""), "kind"),
                arguments(base("refund") + ", \"paid_amount\": 299.999", "RefundRequest.paidAmount"),
                arguments(base("refund") + ", \"refund_rate_percent\": 101", "TradingHistory.refundRatePercent"),
                arguments(base("refund") + ", \"premium\": \"maybe\"", "premium"),
                arguments(base("refund") + ", \"shipping\": \"LOST\"", "shipping"),
                arguments(base("deduction").replace("\"now\": \"2026-03-20T10:00+08:00\",", ""), "now"),
                arguments(base("deduction").replace("2026-03-01T10", "2026-03-21T10"), "DeductionRequest.orderedAt"),
                arguments(base("deduction") + ", \"delivered_at\": \"2026-02-01T10:00+08:00\"",
                        "DeductionRequest.deliveredAt"),
                arguments(base("deduction") + ", \"delivered_at\": \"+999999999-12-31T23:59:59+18:00\"",
                        "DeductionRequest.deliveredAt"),
                arguments(base("deduction") + ", \"delivered_at\": \"2026-03-05\"", "delivered_at"),
                arguments(base("deduction") + ", \"delivered_at\": \"" + "2".repeat(100_000) + "\"",
                        "delivered_at"),
                arguments(base("deduction").replace("SERVICE", "BOGUS"), "kind"),
                arguments(base("deduction").replace("SERVICE", "GOODS") + ", \"failed_attempts\":"
                        + " [\"2026-03-02T10:00+08:00\"]", "DeductionRequest.failedAttempts"),
                arguments(base("deduction").replace("SERVICE", "GOODS") + ", \"return_state\": \"IN_PROGRESS\"",
                        "DeductionRequest.returnState"),
                arguments(base("deduction") + ", \"failed_attempts\": [" + String.join(",",
                        Collections.nCopies(1_001, "\"2026-03-02T10:00+08:00\"")) + "]", "failed_attempts"),
                arguments(base("deduction").replace("2026-03-20T10:00+08:00", "+999999999-12-31T23:59:59Z"), "now"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidValues")
    void anInvalidRequestOfEachKindExitsTwoWithFileLineAndField(String fields, String field) throws IOException {
        Path json = Files.writeString(temp.resolve("request.json"), "{" + fields + "}");
        assertRefused(run(json), json, 1, field);
        Path jsonl = Files.writeString(temp.resolve("requests.jsonl"), "{" + base("refund") + "}\n\n{" + fields
                + "}\n");
        assertRefused(run(jsonl), jsonl, 3, field);
    }

    @Test
    void aProfileTheRuleSetLacksIsCountedUnreadableWithABoundedMessage() throws IOException {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        Path jsonl = Files.writeString(temp.resolve("requests.jsonl"), "{" + base("eligibility") + "}\n{"
                + base("eligibility").replace("kuaishou", "\\u001b" + "p".repeat(1_000)) + "}\n");
        Differ.Report report = assertTimeoutPreemptively(QUICKLY, () -> Differ.diff(engine, engine, jsonl,
                temp.resolve("changed.jsonl"), 1));
        assertThat(report.requests()).isEqualTo(2);
        assertThat(report.unreadable()).isEqualTo(1);
        assertThat(report.errors()).singleElement().asString()
                .startsWith(jsonl + ":2: field profile: \"\\u001b" + "p".repeat(34) + "…(1001 chars)\" is not a"
                        + " profile of the rule set [kuaishou").hasSizeLessThan(SHORT);
    }

    @Test
    void everyBadRecordOfAFileIsListedUpTo20ThenCounted() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("{" + base("eligibility") + ", \"amount\": 1e99999999}");
        }
        Path jsonl = Files.write(temp.resolve("many.jsonl"), lines);
        Run run = run(jsonl);
        assertRefused(run, jsonl, 30 - 29, "amount");
        assertThat(run.err().lines().filter(l -> l.startsWith(jsonl + ":")).toList()).hasSize(21)
                .last().asString().isEqualTo(jsonl + ": 10 more bad requests not listed");
    }

    @Test
    void fileNamesWithControlCharactersArePrintedEscaped() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("in\tbox"));
        Path file = Files.writeString(dir.resolve("req\nuest\u001b[2J\u2028.jsonl"), "{\"kind\": \"eligibility\","
                + " \"profile\": \"kuaishou\", \"amount\": 1e999999999}\n");
        Run run = run(file);
        assertThat(run.code()).isEqualTo(2);
        String shown = temp + "/in\\tbox/req\\nuest\\u001b[2J\\u2028.jsonl";
        assertThat(run.err()).startsWith(shown + ":1: field amount: 1E+999999999: is out of range")
                .doesNotContain("\u001b", "\t", "\u2028");
        Run missing = cli("explain", brokenRules.toString(), dir.resolve("gone\u001b\n.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("gone\\u001b\\n.json: no such file").doesNotContain("\u001b");
        Run type = cli("diff", brokenRules.toString(), brokenRules.toString(), Files.writeString(
                dir.resolve("x\u0007.txt"), "").toString());
        assertThat(type.code()).isEqualTo(2);
        assertThat(type.err()).contains("x\\u0007.txt: unknown request file type").doesNotContain("\u0007");
    }

    // ---- the audit sink --------------------------------------------------------------------------------------

    /** Every character a line-splitting reader breaks on or that UTF-8 cannot encode, plus the other controls. */
    static List<String> awkwardIds() {
        List<String> ids = new ArrayList<>(List.of("line\u2028separator", "paragraph\u2029separator",
                "next\u0085line", "lone-high\ud800", "\udc00lone-low", "pair\ud83d\ude00ok", "reversed\udc00\ud800",
                "del\u007fc1\u009f", "bidi\u202eoverride", "cr\rlf\n", "quote\"back\\slash"));
        StringBuilder controls = new StringBuilder("controls");
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        ids.add(controls.toString());
        return ids;
    }

    @Test
    void theAuditSinkWritesOneLinePerDecisionWhateverTheIdsHold() throws IOException {
        Path file = temp.resolve("audit.jsonl");
        List<String> ids = awkwardIds();
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 1 << 20, 2)) {
            PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(sink).build();
            for (String id : ids) {
                engine.decide(new EligibilityRequest(id, Scenario.ECOMMERCE_GOODS, new BigDecimal("20.00"), true,
                        Consumer.inGoodStanding(id, new BigDecimal("100.00"), CreditScore.zhima(700)),
                        Merchant.enabled(id)));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\ufffd");
        assertThat(Pattern.compile("[\\u2028\\u2029\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f]").matcher(text).find())
                .as("a raw line-breaking or control character").isFalse();
        List<String> read;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read = in.lines().toList();
        }
        assertThat(read).hasSize(ids.size());
        assertThat(text.lines().toList()).hasSize(ids.size());
        assertThat(text.split("\\R", -1)).hasSize(ids.size() + 1); // every Unicode line break, ending with the last
        ObjectMapper jackson = new ObjectMapper();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode line = jackson.readTree(read.get(i));
            assertThat(line.at("/request/orderId").asText()).isEqualTo(ids.get(i));
            assertThat(line.at("/request/consumer/id").asText()).isEqualTo(ids.get(i));
            assertThat(line.at("/decision/orderId").asText()).isEqualTo(ids.get(i));
        }
        assertThat(text).contains("line\\u2028separator", "next\\u0085line", "lone-high\\ud800", "\\udc00lone-low",
                "pair\ud83d\ude00ok", "del\\u007fc1\\u009f", "cr\\rlf\\n", "quote\\\"back\\\\slash");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static InvalidRequestException refusedQuickly(ThrowingCallable request) {
        InvalidRequestException e = assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(InvalidRequestException.class, request));
        assertThat(e).as("refused as an invalid request").isNotNull();
        return e;
    }
}
