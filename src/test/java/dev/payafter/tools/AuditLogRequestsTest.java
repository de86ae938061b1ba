package dev.payafter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.live.JsonLinesAuditSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log is a request file: explain and diff read its decision lines (rules/README.md, one JSON format). */
class AuditLogRequestsTest {
    @TempDir
    Path temp;

    private Path audit() throws IOException {
        Path file = temp.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 1 << 20, 2);
                PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(sink)
                        .clock(Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC)).build()) {
            engine.decide(Requests.zhima(550, "199"));
            engine.decide(Requests.zhima(580, "199"));
            engine.decide(Requests.refund("299.99"));
            engine.decide(DeductionRequest.builder("o-3", "frank", OrderKind.GOODS, new BigDecimal("128"),
                    Instant.parse("2026-03-01T00:00:00Z")).deliveredAt(Instant.parse("2026-03-02T00:00:00Z")).build());
        }
        return file;
    }

    @Test
    void explainReadsOneAuditLine() throws IOException {
        List<String> lines = Files.readAllLines(audit());
        assertThat(lines).hasSize(4);
        Path one = Files.writeString(temp.resolve("one.jsonl"), lines.get(0) + "\n");
        AnalystCliTest.Run run = AnalystCliTest.cli("explain", "rules", one.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("eligibility under kuaishou: ELIGIBLE");

        Path deduction = Files.writeString(temp.resolve("deduction.json"), lines.get(3));
        AnalystCliTest.Run charged = AnalystCliTest.cli("explain", "rules", deduction.toString());
        assertThat(charged.err()).isEmpty();
        assertThat(charged.out()).startsWith("deduction under kuaishou: ");
    }

    @Test
    void diffReplaysAWholeAuditLog() throws IOException {
        Path stricter = TestRules.copyOfBundled(temp);
        TestRules.replace(stricter, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        Path out = temp.resolve("changed.jsonl");
        AnalystCliTest.Run run = AnalystCliTest.cli("diff", "rules", stricter.toString(), audit().toString(),
                "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("4 requests replayed in").contains(": 2 decisions changed")
                .contains("       2  eligibility: ELIGIBLE -> INELIGIBLE");
    }

    @Test
    void aBadAuditLineIsRefusedWithFileLineFieldAndValue() throws IOException {
        List<String> lines = Files.readAllLines(audit());
        Path bad = Files.writeString(temp.resolve("bad.jsonl"), String.join("\n",
                lines.get(0).replace("\"amount\":\"199.00\"", "\"amount\":\"199.001\""),
                lines.get(1).replace("\"kind\":\"ELIGIBILITY\"", "\"kind\":\"LOAN\""),
                lines.get(2).replace("\"profile\":", "\"extra\":1,\"profile\":"),
                lines.get(3).replace("\"decidedAt\":\"2026-03-10T00:00:00Z\"", "\"decidedAt\":\"2026-02-01T00:00:00Z\""),
                lines.get(0).replace("\"servedByChallenger\":false,", "\"servedByChallenger\":false,\"zhima\":900,"))
                + "\n");
        AnalystCliTest.Run run = AnalystCliTest.cli("diff", "rules", "rules", bad.toString(), "--out",
                temp.resolve("out.jsonl").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("bad.jsonl:1: request: EligibilityRequest.amount: \"199.001\" has more than 2 decimal places")
                .contains("bad.jsonl:2: field kind: \"LOAN\" is not one of ELIGIBILITY, REFUND, DEDUCTION")
                .contains("bad.jsonl:3: field \"extra\" is not a member of a decision line")
                .contains("bad.jsonl:4: request: 2026-03-01T00:00:00Z is after decidedAt 2026-02-01T00:00:00Z")
                .contains("bad.jsonl:5: field \"zhima\" is not a member of a decision line");
    }
}
