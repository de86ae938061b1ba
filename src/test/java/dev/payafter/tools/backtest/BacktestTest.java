package dev.payafter.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payafter.PayAfterEngine;
import dev.payafter.tools.AnalystCli;
import dev.payafter.tools.Differ;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest end to end on generated data, its numbers checked against the data read independently. */
class BacktestTest {
    static final int COUNT = 4_000;
    @TempDir
    static Path dir;
    static Path decisions;
    static Path plain;
    static Path outcomes;
    static Path stricter;
    static Path looser;
    static PayAfterEngine bundled;
    static PayAfterEngine strict;
    static PayAfterEngine loose;

    @BeforeAll
    static void generate() throws IOException {
        decisions = dir.resolve("decisions.jsonl.gz");
        outcomes = dir.resolve("outcomes.csv");
        BacktestData.write(Path.of("rules"), decisions, outcomes, COUNT, 14);
        plain = dir.resolve("decisions.jsonl");
        try (var in = new GZIPInputStream(Files.newInputStream(decisions))) {
            Files.copy(in, plain);
        }
        stricter = BacktestData.rulesWith(Path.of("rules"), dir.resolve("rules-600"), 600, "200.00");
        looser = BacktestData.rulesWith(Path.of("rules"), dir.resolve("rules-500"), 500, "500.00");
        bundled = Differ.engine(Path.of("rules"), List.of());
        strict = Differ.engine(stricter, List.of());
        loose = Differ.engine(looser, List.of());
    }

    @AfterAll
    static void close() {
        bundled.close();
        strict.close();
        loose.close();
    }

    static Backtest.Result backtest(PayAfterEngine old, PayAfterEngine now, Path file) throws IOException {
        return Backtest.backtest(old, now, file, outcomes, ZoneOffset.UTC, 2, false);
    }

    /** Recorded lines and outcome rows, read here without the backtest's classes. */
    record Line(String profile, String kind, String outcome, List<String> codes, int score, BigDecimal amount,
            String orderId) {
    }

    static List<Line> lines() throws IOException {
        return Files.readAllLines(plain).stream().map(text -> {
            try {
                JsonNode n = AuditLines.MAPPER.readTree(text);
                String kind = n.get("kind").asText();
                JsonNode r = n.get("request");
                int score = kind.equals("ELIGIBILITY") ? r.get("consumer").get("creditScores").get(0).get("value")
                        .asInt() : -1;
                BigDecimal amount = new BigDecimal(r.get(kind.equals("ELIGIBILITY") ? "amount" : "paidAmount")
                        .asText());
                List<String> codes = new java.util.ArrayList<>();
                n.get("decision").get("reasons").forEach(x -> codes.add(x.get("code").asText()));
                return new Line(n.get("profile").asText(), kind, n.get("decision").get("outcome").asText(), codes,
                        score, amount, r.get("orderId").asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    static Map<String, String[]> outcomeRows() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(outcomes).subList(1, Files.readAllLines(outcomes).size())) {
            String[] cells = line.split(",", -1);
            rows.put(cells[0], cells);
        }
        return rows;
    }

    @Test
    void theBundledRulesReproduceTheRecordingAndChangeNothing() throws IOException {
        Backtest.Result result = backtest(bundled, bundled, decisions);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.summary().decisions()).isEqualTo(COUNT);
        assertThat(result.summary().mismatches()).isZero();
        assertThat(result.changes()).isEmpty();
        assertThat(result.otherVersions()).isZero();
        for (String profile : List.of("kuaishou", "tmall", "jd")) {
            assertThat(result.summary().count(profile, "ELIGIBILITY", "unchanged"))
                    .isEqualTo(result.summary().count(profile, "ELIGIBILITY", "decisions")).isPositive();
        }
    }

    @Test
    void raisingKuaishousMinimumTo600SwapsOutExactlyTheEligibleConsumersFrom550To599() throws IOException {
        Backtest.Result result = backtest(bundled, strict, decisions);
        List<Line> lines = lines();
        Map<String, String[]> books = outcomeRows();
        List<Line> expectedOut = lines.stream().filter(l -> l.profile().equals("kuaishou")
                && l.kind().equals("ELIGIBILITY") && l.outcome().equals("ELIGIBLE") && l.score() < 600).toList();
        assertThat(expectedOut).isNotEmpty();
        assertThat(expectedOut).allMatch(l -> l.score() >= 550);
        BacktestSummary s = result.summary();
        assertThat(s.count("kuaishou", "ELIGIBILITY", "swapOut")).isEqualTo(expectedOut.size());
        assertThat(s.count("kuaishou", "ELIGIBILITY", "swapIn")).isZero();
        assertThat(s.count("tmall", "ELIGIBILITY", "unchanged")).isEqualTo(s.count("tmall", "ELIGIBILITY", "decisions"));
        // the debt avoided and the good orders lost, summed here from the books
        long overdue = 0;
        BigDecimal avoided = BigDecimal.ZERO;
        long onTime = 0;
        BigDecimal lost = BigDecimal.ZERO;
        for (Line l : expectedOut) {
            String[] row = books.get(l.orderId());
            if (row != null && row[2].equals("OVERDUE")) {
                overdue++;
                avoided = avoided.add(new BigDecimal(row[3]));
            } else if (row != null && row[2].equals("ON_TIME")) {
                onTime++;
                lost = lost.add(l.amount());
            }
        }
        assertThat(overdue).isPositive();
        assertThat(s.text()).contains("overdue: " + overdue + ", debt avoided " + avoided.toPlainString() + " yuan")
                .contains("paid on time: " + onTime + ", " + lost.toPlainString() + " yuan of good orders lost");
        // a real trade-off: the swapped-out approvals go overdue far more often than the approvals kept
        long keptOverdue = lines.stream().filter(l -> l.profile().equals("kuaishou") && l.score() >= 600
                && l.outcome().equals("ELIGIBLE")).filter(l -> books.containsKey(l.orderId())
                && books.get(l.orderId())[2].equals("OVERDUE")).count();
        long kept = lines.stream().filter(l -> l.profile().equals("kuaishou") && l.score() >= 600
                && l.outcome().equals("ELIGIBLE")).count();
        assertThat((double) overdue / expectedOut.size()).isGreaterThan(2.0 * keptOverdue / kept);
        // refunds: 200.00 and up are no longer auto-approved; 199.99 still is
        List<Line> refundsOut = lines.stream().filter(l -> l.kind().equals("REFUND")
                && l.outcome().equals("AUTO_APPROVED") && l.amount().compareTo(new BigDecimal("200.00")) >= 0)
                .toList();
        assertThat(refundsOut).isNotEmpty();
        assertThat(s.count("kuaishou", "REFUND", "swapOut")).isEqualTo(refundsOut.size());
        long disputed = refundsOut.stream().filter(l -> books.containsKey(l.orderId())
                && books.get(l.orderId())[2].equals("DISPUTED")).count();
        assertThat(s.text()).contains("auto-approvals lost (auto-approved -> manual review): " + refundsOut.size()
                + " refunds").contains("disputed: " + disputed + " of ");
        assertThat(result.changes()).allMatch(c -> c.move() != Replay.Move.UNCHANGED);
    }

    @Test
    void loweringItTo500SwapsInTheConsumersRefusedOnlyForTheirScore() throws IOException {
        Backtest.Result result = backtest(bundled, loose, decisions);
        List<Line> lines = lines();
        List<Line> expectedIn = lines.stream().filter(l -> l.profile().equals("kuaishou")
                && l.kind().equals("ELIGIBILITY") && l.codes().equals(List.of("SCORE_BELOW_MINIMUM"))
                && l.score() >= 500).toList();
        assertThat(expectedIn).isNotEmpty();
        BigDecimal exposure = expectedIn.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BacktestSummary s = result.summary();
        assertThat(s.count("kuaishou", "ELIGIBILITY", "swapIn")).isEqualTo(expectedIn.size());
        assertThat(s.count("kuaishou", "ELIGIBILITY", "swapOut")).isZero();
        assertThat(s.text()).contains("swap-in (ineligible -> eligible): " + expectedIn.size() + " orders, "
                + exposure.toPlainString() + " yuan of new exposure (unobserved)");
        long gained = lines.stream().filter(l -> l.kind().equals("REFUND")
                && l.codes().equals(List.of("PAID_AMOUNT_NOT_UNDER_LIMIT"))
                && l.amount().compareTo(new BigDecimal("500.00")) < 0).count();
        assertThat(gained).isPositive();
        assertThat(s.count("kuaishou", "REFUND", "swapIn")).isEqualTo(gained);
    }

    @Test
    void theOutputIsTheSameBytesEachRunAndForGzipAndPlainInput() throws IOException {
        Path a = dir.resolve("out-a");
        Path b = dir.resolve("out-b");
        String[] common = {stricter.toString(), "--outcomes", outcomes.toString(), "--html"};
        assertThat(cli("backtest", "rules", common[0], decisions.toString(), "--outcomes", common[2], "--out",
                a.toString(), "--html")[0]).isEqualTo("0");
        assertThat(cli("backtest", "rules", common[0], plain.toString(), "--outcomes", common[2], "--out",
                b.toString(), "--html", "--threads", "1")[0]).isEqualTo("0");
        for (String f : List.of("summary.txt", "summary.json", "summary.html", "changes.jsonl")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        assertThat(Files.readAllLines(a.resolve("changes.jsonl")))
                .hasSize((int) (backtest(bundled, strict, decisions).changes().size()));
    }

    @Test
    void oldRulesThatDoNotReproduceTheRecordingStopTheBacktestUnlessToldToGoOn() {
        // the outcomes are not even read (this file does not exist)
        String[] stopped = cli("backtest", stricter.toString(), "rules", decisions.toString(), "--outcomes",
                dir.resolve("no-such-outcomes.csv").toString());
        assertThat(stopped[0]).isEqualTo("1");
        assertThat(stopped[1]).isEmpty();
        assertThat(stopped[2]).containsPattern(" [1-9][0-9]* of " + COUNT + " recorded decisions are not what OLD_RULES")
                .contains("decisions.jsonl.gz:").contains("recorded ELIGIBLE [ELIGIBLE]")
                .contains("OLD_RULES decide INELIGIBLE [SCORE_BELOW_MINIMUM]").contains("--go-on")
                .contains("another rule-set version");
        String[] goOn = cli("backtest", stricter.toString(), "rules", decisions.toString(), "--outcomes",
                outcomes.toString(), "--go-on", "--json");
        assertThat(goOn[0]).isEqualTo("0");
        assertThat(goOn[1]).contains("\"mismatches\" : ").doesNotContain("\"mismatches\" : 0,\n  \"profiles\"");
    }

    @Test
    void aBrokenRuleSetIsReportedWithFileAndLineAndNothingIsReplayed() throws IOException {
        Path broken = BacktestData.rulesWith(Path.of("rules"), dir.resolve("broken"), null, null);
        Path drl = broken.resolve("eligibility/credit-score.drl");
        String text = Files.readString(drl);
        String comparison = "consumer.score(policy.scoreProvider) < policy.minimumScore";
        assertThat(text).contains(comparison);
        Files.writeString(drl, text.replace(comparison, "consumer.score(policy.scoreProvider) <<< policy.minimumScore"));
        String[] r = cli("backtest", "rules", broken.toString(), decisions.toString(), "--outcomes",
                outcomes.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).containsPattern("credit-score\\.drl:\\d+").contains("does not compile");
        assertThat(r[1]).isEmpty();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(cli("backtest", "rules", "rules", decisions.toString())[2]).contains("--outcomes OUTCOMES is required");
        assertThat(cli("backtest", "rules", "rules")[2]).contains("needs OLD_RULES NEW_RULES DECISIONS");
        assertThat(cli("backtest", "rules", "rules", "x", "--outcomes", "y", "--zone", "Mars/Base")[2])
                .contains("--zone: Mars/Base: not a zone");
        assertThat(cli("backtest", "rules", "rules", "x", "--outcomes", "y", "--threads", "0")[0]).isEqualTo("2");
        assertThat(cli("backtest", "rules", "rules", "x", "--outcomes", "y", "--frobnicate")[2])
                .contains("unknown option --frobnicate");
        assertThat(cli("backtest", "--help")[1]).contains("usage: payafter-analyst backtest");
    }

    @Test
    void aBadDecisionLineIsRefusedWithFileLineFieldAndValue() throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(plain).subList(0, 10));
        lines.set(6, lines.get(6).replaceFirst("\"value\":\\d+", "\"value\":9999"));
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, lines);
        String[] r = cli("backtest", "rules", "rules", bad.toString(), "--outcomes", outcomes.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("bad.jsonl:7:").contains("9999").contains("nothing was written");
    }

    @Test
    void outcomesOfAnotherConsumerOrTwiceForOneOrderAreRefused() throws IOException {
        Backtest.Result changed = backtest(bundled, strict, decisions);
        RecordedDecision r = changed.changes().stream().filter(c -> c.recorded().kind().equals("ELIGIBILITY"))
                .findFirst().orElseThrow().recorded();
        Path other = dir.resolve("other-consumer.csv");
        Files.writeString(other, "orderId,consumerId,result,overdueAmount\n" + r.orderId() + ",someone-else,ON_TIME,\n");
        assertThatThrownBy(() -> Backtest.backtest(bundled, strict, decisions, other, ZoneOffset.UTC, 2, false))
                .isInstanceOf(BacktestInputException.class).hasMessageContaining("outcomes line 2: consumerId: "
                        + "someone-else: order " + r.orderId() + " was decided for " + r.consumerId());
        Path twice = dir.resolve("twice.csv");
        String row = r.orderId() + "," + r.consumerId() + ",ON_TIME,\n";
        Files.writeString(twice, "orderId,consumerId,result,overdueAmount\n" + row + row);
        assertThatThrownBy(() -> Backtest.backtest(bundled, strict, decisions, twice, ZoneOffset.UTC, 2, false))
                .isInstanceOf(BacktestInputException.class).hasMessageContaining("twice.csv:3: orderId: " + r.orderId()
                        + ": a second eligibility outcome for this order (the first is on line 2)");
        Path refundResult = dir.resolve("refund-result.jsonl");
        Files.writeString(refundResult, "{\"orderId\":\"" + r.orderId() + "\",\"consumerId\":\"" + r.consumerId()
                + "\",\"result\":\"DISPUTED\"}\n");
        // a refund result for an eligibility order joins no eligibility decision: the order has no outcome
        Backtest.Result none = Backtest.backtest(bundled, strict, decisions, refundResult, ZoneOffset.UTC, 2, false);
        assertThat(none.summary().text()).contains("no outcome: " + none.summary().count("kuaishou", "ELIGIBILITY",
                "swapOut"));
    }

    static String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalystCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

}
