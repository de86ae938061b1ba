package dev.payafter.bench;

import dev.payafter.refund.RefundDecision;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peers' agreement with the engine without JMH: runs {@link PeerBench}'s set-up (which throws at the first input a
 * peer decides differently) and prints how many inputs each peer decided and how often each outcome and reason code occurs in them.
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.payafter.bench.PeerCheck
 * </pre>
 */
public final class PeerCheck {
    private PeerCheck() {
    }

    public static void main(String[] args) {
        PeerBench bench = new PeerBench();
        bench.kind = "refund";
        bench.setUp();
        bench.tearDown();
        Inputs inputs = new Inputs("refund");
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < Inputs.SIZE; i++) {
            RefundDecision decision = bench.engineDecision(inputs.profiles[i], i);
            outcomes.merge(decision.outcome().name(), 1, Integer::sum);
            decision.reasonCodes().forEach(code -> reasons.merge(code, 1, Integer::sum));
        }
        System.out.println("agree with the engine on every input: " + bench.agreed + " of " + Inputs.SIZE);
        System.out.println("the inputs' outcomes: " + outcomes);
        System.out.println("inputs per reason code: " + reasons);
    }
}
