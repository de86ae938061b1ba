package dev.payafter.bench;

import dev.payafter.bench.peers.PeerDecision;
import dev.payafter.bench.peers.RefundPeer;
import dev.payafter.refund.RefundDecision;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The peers' agreement with the engine without JMH: runs {@link PeerBench}'s set-up (which throws at the first input a
 * peer decides differently), decides every input again with each peer on two threads at once, and prints how many
 * inputs each peer decided and how often each outcome and reason code occurs in them. Exits non-zero on a difference.
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.payafter.bench.PeerCheck
 * </pre>
 */
public final class PeerCheck {
    private PeerCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        PeerBench bench = new PeerBench();
        bench.kind = "refund";
        bench.setUp();
        Inputs inputs = new Inputs("refund");
        String[] expected = new String[Inputs.SIZE];
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < Inputs.SIZE; i++) {
            RefundDecision decision = bench.engineDecision(inputs.profiles[i], i);
            expected[i] = PeerDecision.key(decision);
            outcomes.merge(decision.outcome().name(), 1, Integer::sum);
            decision.reasonCodes().forEach(code -> reasons.merge(code, 1, Integer::sum));
        }
        // as in the benchmark's 2-thread run: both threads decide every input 4 times, from different starting points
        AtomicReference<String> difference = new AtomicReference<>();
        for (Map.Entry<String, RefundPeer> peer : bench.peers().entrySet()) {
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                int offset = t * Inputs.SIZE / 2;
                threads[t] = new Thread(() -> {
                    for (int n = 0; n < 4 * Inputs.SIZE && difference.get() == null; n++) {
                        int i = (offset + n) & (Inputs.SIZE - 1);
                        String actual = bench.decide(peer.getValue(), i);
                        if (!actual.equals(expected[i])) {
                            difference.compareAndSet(null, peer.getKey() + " on two threads decides input " + i
                                    + " as " + actual + ", the engine as " + expected[i]);
                        }
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        bench.tearDown();
        if (difference.get() != null) {
            throw new IllegalStateException(difference.get());
        }
        System.out.println("agree with the engine on every input: " + bench.agreed + " of " + Inputs.SIZE
                + "; and on two threads at once (every input 4 times on each)");
        System.out.println("the inputs' outcomes: " + outcomes);
        System.out.println("inputs per reason code: " + reasons);
    }
}
