package dev.payafter.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Cold start: in a fresh JVM (one per fork, one shot each), building an engine on the bundled rules and making its
 * first decision. JMH's own start-up is not counted; {@link ColdStartMain} measures from the process start.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdStartBench {

    @Benchmark
    public Object bundledRulesToFirstDecision() {
        return ColdStartMain.firstDecision();
    }

    @Benchmark
    public Object bundledRulesToFirstDecisionOfEachKind() {
        return ColdStartMain.firstDecisionOfEachKind();
    }
}
