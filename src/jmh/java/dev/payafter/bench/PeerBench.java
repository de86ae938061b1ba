package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.bench.peers.DmnRefund;
import dev.payafter.bench.peers.EasyRulesRefund;
import dev.payafter.bench.peers.EvreteRefund;
import dev.payafter.bench.peers.PeerDecision;
import dev.payafter.bench.peers.PeerPolicy;
import dev.payafter.bench.peers.RefundPeer;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fast-refund decision on three peer engines ({@code dev.payafter.bench.peers}), on the refund inputs of
 * {@link DecisionBench} ({@link Inputs}, the same seeded requests and profiles) and under the same conditions
 * (threads, forks, iterations: {@link BenchMain} runs both together). The set-up decides every input with the engine
 * and with each peer and throws if any outcome or set of reason codes differs. {@code kind} is a parameter only so
 * that the results sit with the engine's refund figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeerBench {
    @Param({"refund"})
    public String kind;

    private RefundRequest[] requests;
    private PeerPolicy[] policies;
    private RefundPeer easyRules;
    private RefundPeer dmn;
    private EvreteRefund evrete;
    private PayAfterEngine engine;
    private final Map<String, PayAfterEngine> views = new HashMap<>();
    /** Per peer, the inputs it decided as the engine does (all of them, or the set-up threw). */
    Map<String, Integer> agreed;

    @Setup
    public void setUp() {
        if (!kind.equals("refund")) {
            throw new IllegalArgumentException("the peers decide refunds only, not " + kind);
        }
        Inputs inputs = new Inputs("refund");
        requests = new RefundRequest[Inputs.SIZE];
        policies = new PeerPolicy[Inputs.SIZE];
        Map<String, PeerPolicy> settled = new HashMap<>();
        for (int i = 0; i < Inputs.SIZE; i++) {
            requests[i] = (RefundRequest) inputs.requests[i];
            policies[i] = settled.computeIfAbsent(inputs.profiles[i], PeerPolicy::of);
        }
        easyRules = new EasyRulesRefund();
        dmn = new DmnRefund();
        evrete = new EvreteRefund();
        agreed = check(inputs.profiles);
    }

    /**
     * Decides every input with the engine (as {@link DecisionBench} builds it) and with each peer.
     *
     * @return per peer, how many inputs it decided, all of them equal to the engine's decision
     * @throws IllegalStateException at the first input a peer decides differently from the engine
     */
    Map<String, Integer> check(String[] profiles) {
        Map<String, Integer> decided = new LinkedHashMap<>();
        for (int i = 0; i < Inputs.SIZE; i++) {
            String expected = PeerDecision.key(engineDecision(profiles[i], i));
            for (Map.Entry<String, RefundPeer> peer : peers().entrySet()) {
                String actual = peer.getValue().decide(policies[i], requests[i]).key();
                if (!actual.equals(expected)) {
                    throw new IllegalStateException(peer.getKey() + " decides input " + i + " (" + profiles[i] + ", "
                            + requests[i] + ") as " + actual + ", the engine as " + expected);
                }
                decided.merge(peer.getKey(), 1, Integer::sum);
            }
        }
        return decided;
    }

    /** The peers by benchmark name. */
    Map<String, RefundPeer> peers() {
        Map<String, RefundPeer> peers = new LinkedHashMap<>();
        peers.put("easyRules", easyRules);
        peers.put("dmn", dmn);
        peers.put("evrete", evrete);
        return peers;
    }

    /** Input {@code i} decided by {@code peer}, as {@link PeerDecision#key()}. */
    String decide(RefundPeer peer, int i) {
        return peer.decide(policies[i], requests[i]).key();
    }

    @TearDown
    public void tearDown() {
        evrete.close();
    }

    /** The engine's decision of input {@code i}, with the engine and profile views {@link DecisionBench} uses. */
    RefundDecision engineDecision(String profile, int i) {
        if (engine == null) {
            engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(Inputs.NOW, ZoneOffset.UTC)).build();
        }
        return views.computeIfAbsent(profile, engine::withProfile).decide(requests[i]);
    }

    /** Easy Rules 4.1, MVEL rules. */
    @Benchmark
    public Object easyRules(DecisionBench.Cursor cursor) {
        int i = cursor.next();
        return easyRules.decide(policies[i], requests[i]);
    }

    /** KIE DMN 10.2, a COLLECT decision table. */
    @Benchmark
    public Object dmn(DecisionBench.Cursor cursor) {
        int i = cursor.next();
        return dmn.decide(policies[i], requests[i]);
    }

    /** Evrete 4, fluent Java rules, a stateful session per thread. */
    @Benchmark
    public Object evrete(DecisionBench.Cursor cursor) {
        int i = cursor.next();
        return evrete.decide(policies[i], requests[i]);
    }
}
