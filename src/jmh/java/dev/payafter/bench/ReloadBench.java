package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Reload in a warm JVM: building an engine again, from the bundled rules and from the {@code rules/} directory (what
 * a hot reload of the analysts' folder does). One build per iteration, after warm-up builds.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReloadBench {

    @Benchmark
    public PayAfterEngine bundledRules() {
        return PayAfterEngine.builder().profile("kuaishou").build();
    }

    @Benchmark
    public PayAfterEngine rulesDirectory() {
        return PayAfterEngine.builder().rules(Path.of("rules")).profile("kuaishou").build();
    }
}
