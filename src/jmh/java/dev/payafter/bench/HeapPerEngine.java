package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.RefundRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Heap retained per engine: the used heap after full collections, before and after building {@code N} engines on
 * the bundled rules and deciding with each (so whatever an engine keeps for its decisions is counted), divided by
 * {@code N}. Run in a fresh JVM by {@link BenchMain}; prints {@code heap-per-engine <KiB> <N> <threads>}.
 */
public final class HeapPerEngine {
    private HeapPerEngine() {
    }

    public static void main(String[] args) throws Exception {
        int engines = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        // the threads stay alive until the end, as a host's request threads do, with whatever they hold
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        decideOnThreads(pool, build(), threads); // class loading and shared caches are not counted per engine
        long before = usedAfterGc();
        List<PayAfterEngine> kept = new ArrayList<>();
        for (int i = 0; i < engines; i++) {
            PayAfterEngine engine = build();
            decideOnThreads(pool, engine, threads);
            kept.add(engine);
        }
        long after = usedAfterGc();
        System.out.printf("heap-per-engine %.1f %d %d%n", (after - before) / 1024.0 / engines, engines, threads);
        if (kept.size() != engines) {
            throw new IllegalStateException();
        }
        pool.shutdown();
    }

    private static PayAfterEngine build() {
        return PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(Inputs.NOW, ZoneOffset.UTC)).build();
    }

    /** Decides requests of every kind under every profile on {@code threads} pool threads at once. */
    private static void decideOnThreads(ExecutorService pool, PayAfterEngine engine, int threads) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            running.add(pool.submit(() -> {
                RandomRequests random = new RandomRequests(seed, Inputs.NOW);
                for (int i = 0; i < 600; i++) {
                    PayAfterEngine view = engine.withProfile(random.profile());
                    EligibilityRequest e = random.eligibility();
                    RefundRequest r = random.refund();
                    DeductionRequest d = random.deduction();
                    view.decide(e);
                    view.decide(r);
                    view.decide(d);
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
