package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.internal.BundledModel;
import dev.payafter.internal.RuleSource;
import java.math.BigDecimal;

/**
 * Where a fresh JVM's start goes, phase by phase: reading and hashing the bundled rules, loading their precompiled
 * model, then an engine built again (the same work with the classes loaded), then its first decision. Prints one line.
 * Run it in a new JVM each time, on the class path a host would have (jars) or the build's folders:
 *
 * <pre>mvn -q package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/payafter-0.1.0-SNAPSHOT.jar:$(cat target/cp.txt) dev.payafter.bench.StartPhases</pre>
 */
public final class StartPhases {
    private StartPhases() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        RuleSource source = RuleSource.bundled();
        source.version();
        long read = System.nanoTime();
        if (BundledModel.load(source) == null) {
            throw new IllegalStateException("no precompiled model of the bundled rules on the class path");
        }
        long loaded = System.nanoTime();
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        long built = System.nanoTime();
        engine.decide(new EligibilityRequest("order-1", Scenario.ECOMMERCE_GOODS, new BigDecimal("199.00"), true,
                Consumer.inGoodStanding("alice", new BigDecimal("2000.00"), CreditScore.zhima(600)),
                Merchant.enabled("shop-1")));
        long decided = System.nanoTime();
        System.out.printf("read and hash the bundled rules %d ms, load the model %d ms, build an engine again %d ms,"
                + " first decision %d ms%n", (read - started) / 1_000_000, (loaded - read) / 1_000_000,
                (built - loaded) / 1_000_000, (decided - built) / 1_000_000);
    }
}
