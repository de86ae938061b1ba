package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reload in a warm JVM: building an engine again, from the bundled rules and from a rules directory (what a hot
 * reload of the analysts' folder does). One build per iteration, after warm-up builds. The compiler keeps its last
 * builds by content, so the directory is edited before every build as an analyst edits it: Kuaishou's minimum score
 * in {@code eligibility-policy.drl.csv} takes a value it never had, and that folder is compiled again
 * ({@code rulesDirectoryEdited}); {@code rulesDirectoryUnchanged} builds the same files again (a rollback, a second
 * engine), which skips the Java compiler.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class ReloadBench {
    private Path rules;
    private Path policy;
    private String text;
    private int edits;

    @Setup(Level.Trial)
    public void copy() throws IOException {
        rules = TestRules.copyOfBundled(Files.createTempDirectory("payafter-reload-bench"));
        policy = rules.resolve("eligibility/eligibility-policy.drl.csv");
        text = Files.readString(policy);
    }

    @Setup(Level.Invocation)
    public void edit() throws IOException {
        edits++;
        Files.writeString(policy, text.replace(",ZHIMA,550,", ",ZHIMA," + (1000 + edits) + ","));
    }

    @Benchmark
    public PayAfterEngine bundledRules() {
        return PayAfterEngine.builder().profile("kuaishou").build();
    }

    @Benchmark
    public PayAfterEngine rulesDirectoryEdited() {
        return PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
    }

    @Benchmark
    public PayAfterEngine rulesDirectoryUnchanged() {
        return PayAfterEngine.builder().rules(Path.of("rules")).profile("kuaishou").build();
    }
}
