package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.internal.BundledModel;
import dev.payafter.internal.CompiledRules;
import dev.payafter.reference.PlainJavaDecisions;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One decision of each kind on the bundled rules, three ways, on identical inputs ({@link Inputs}): the engine
 * (every decision fully explained: reasons with their rules, fired rules, rule-set version), the naive embedding
 * ({@link NaiveEmbedding}) and the bundled rules in plain Java ({@link PlainJavaDecisions}, the limit). The thread
 * count (1 or 2) is set by {@link BenchMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBench {
    @Param({"eligibility", "refund", "deduction"})
    public String kind;

    private int kindId;
    private Object[] requests;
    private PayAfterEngine[] engines;
    private PlainJavaDecisions[] plain;
    private String[] profiles;
    private NaiveEmbedding naive;

    /** Each thread walks the inputs on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next() {
            int i = next;
            next = (i + 1) & (Inputs.SIZE - 1);
            return i;
        }
    }

    @Setup
    public void setUp() {
        Inputs inputs = new Inputs(kind);
        kindId = switch (kind) {
            case "eligibility" -> 0;
            case "refund" -> 1;
            default -> 2;
        };
        requests = inputs.requests;
        profiles = inputs.profiles;
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou")
                .clock(Clock.fixed(Inputs.NOW, ZoneOffset.UTC)).build();
        // the same rules the engine decides with: the bundled rules' precompiled model (compiled now if missing)
        CompiledRules compiled = BundledModel.compiledRules();
        naive = new NaiveEmbedding(compiled, LocalDate.ofInstant(Inputs.NOW, ZoneOffset.UTC));
        Map<String, PayAfterEngine> views = new HashMap<>();
        Map<String, PlainJavaDecisions> references = new HashMap<>();
        engines = new PayAfterEngine[Inputs.SIZE];
        plain = new PlainJavaDecisions[Inputs.SIZE];
        for (int i = 0; i < Inputs.SIZE; i++) {
            engines[i] = views.computeIfAbsent(profiles[i], engine::withProfile);
            plain[i] = references.computeIfAbsent(profiles[i],
                    p -> new PlainJavaDecisions(p, engine.ruleSet().version()));
        }
        for (int i = 0; i < Inputs.SIZE; i++) {
            String a = outcome(decideEngine(i));
            String b = outcome(decideNaive(i));
            String c = outcome(decidePlain(i));
            if (!a.equals(b) || !a.equals(c)) {
                throw new IllegalStateException("the variants disagree on " + requests[i] + ": engine " + a
                        + ", naive " + b + ", plain Java " + c);
            }
        }
    }

    private static String outcome(Object decision) {
        if (decision instanceof EligibilityDecision d) {
            return d.outcome() + " " + new java.util.TreeSet<>(d.reasonCodes());
        }
        if (decision instanceof RefundDecision d) {
            return d.outcome() + " " + new java.util.TreeSet<>(d.reasonCodes());
        }
        DeductionDecision d = (DeductionDecision) decision;
        return d.outcome() + " " + d.actions() + " " + d.chargeAmount() + " " + d.nextCheckAt() + " " + d.lossBearer();
    }

    private Object decideEngine(int i) {
        return switch (kindId) {
            case 0 -> engines[i].decide((EligibilityRequest) requests[i]);
            case 1 -> engines[i].decide((RefundRequest) requests[i]);
            default -> engines[i].decide((DeductionRequest) requests[i]);
        };
    }

    private Object decideNaive(int i) {
        return switch (kindId) {
            case 0 -> naive.decide(profiles[i], (EligibilityRequest) requests[i]);
            case 1 -> naive.decide(profiles[i], (RefundRequest) requests[i]);
            default -> naive.decide(profiles[i], (DeductionRequest) requests[i], Inputs.NOW);
        };
    }

    private Object decidePlain(int i) {
        return switch (kindId) {
            case 0 -> plain[i].decide((EligibilityRequest) requests[i]);
            case 1 -> plain[i].decide((RefundRequest) requests[i]);
            default -> plain[i].decide((DeductionRequest) requests[i], Inputs.NOW);
        };
    }

    /** The engine: a fully explained decision. */
    @Benchmark
    public Object engine(Cursor cursor) {
        return decideEngine(cursor.next());
    }

    /** The naive embedding: a new StatelessKieSession per decision. */
    @Benchmark
    public Object naive(Cursor cursor) {
        return decideNaive(cursor.next());
    }

    /** The bundled rules in plain Java: the limit. */
    @Benchmark
    public Object plainJava(Cursor cursor) {
        return decidePlain(cursor.next());
    }
}
