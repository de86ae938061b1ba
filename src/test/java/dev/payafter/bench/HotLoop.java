package dev.payafter.bench;

import com.sun.management.ThreadMXBean;
import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.RefundRequest;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * One thread deciding one kind on the bundled rules for a number of seconds, printing each second's decisions and
 * bytes allocated per decision: the steady state, for profiling a hot-path change (with JFR, say) or comparing it
 * quickly before a JMH run. Not a benchmark of record (BENCHMARKS.md's figures are JMH's). Run it by hand:
 *
 * <pre>mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.payafter.bench.HotLoop refund 16</pre>
 */
public final class HotLoop {
    private static final int SIZE = 4_096;

    private HotLoop() {
    }

    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "refund";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Instant now = Instant.parse("2026-04-01T02:00:00Z");
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        RandomRequests random = new RandomRequests(7, now);
        Object[] requests = new Object[SIZE];
        PayAfterEngine[] views = new PayAfterEngine[SIZE];
        for (int i = 0; i < SIZE; i++) {
            requests[i] = switch (kind) {
                case "eligibility" -> random.eligibility();
                case "refund" -> random.refund();
                case "deduction" -> random.deduction();
                default -> throw new IllegalArgumentException("kind: eligibility, refund or deduction, not " + kind);
            };
            views[i] = engine.withProfile(random.profile());
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int second = 0; second < seconds; second++) {
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            long decisions = 0;
            while (System.nanoTime() - started < 1_000_000_000L) {
                for (int i = 0; i < SIZE; i++) {
                    Object request = requests[i];
                    if (request instanceof EligibilityRequest r) {
                        views[i].decide(r);
                    } else if (request instanceof RefundRequest r) {
                        views[i].decide(r);
                    } else {
                        views[i].decide((DeductionRequest) request);
                    }
                }
                decisions += SIZE;
            }
            long elapsed = System.nanoTime() - started;
            System.out.printf("%s second %d: %,d decisions/s, %,d B/decision%n", kind, second,
                    decisions * 1_000_000_000L / elapsed, (threads.getCurrentThreadAllocatedBytes() - bytes) / decisions);
        }
    }
}
