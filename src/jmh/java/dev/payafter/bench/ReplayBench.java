package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.tools.Differ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The analysts' {@code diff}: one million recorded requests (JSON Lines, every kind and profile) replayed through the
 * bundled rules (as a directory, compiled the way {@code diff} compiles any rule directory) and a copy whose Kuaishou
 * minimum is 600, on 2 threads, the changed decisions written out. One shot is one whole replay, reading included;
 * the two rule builds happen before it, once per fork ({@link DiffBenchmark} times the command with them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplayBench {
    @Param({"1000000"})
    public int requests;

    private Path file;
    private PayAfterEngine before;
    private PayAfterEngine after;
    private Path out;

    @Setup
    public void setUp() throws IOException {
        file = DiffBenchmark.requests(requests);
        before = Differ.engine(Path.of("rules"), List.of());
        after = Differ.engine(DiffBenchmark.stricterRules(), List.of());
        out = Files.createTempFile("payafter-replay", ".jsonl");
        out.toFile().deleteOnExit();
    }

    /** One replay of every request through both rule sets; returns how many decisions changed. */
    @Benchmark
    public long diff() throws IOException {
        Differ.Report report = Differ.diff(before, after, file, out, 2);
        if (report.requests() != requests || report.changed() == 0 || report.unreadable() != 0) {
            throw new IllegalStateException("unexpected replay " + report);
        }
        return report.changed();
    }
}
