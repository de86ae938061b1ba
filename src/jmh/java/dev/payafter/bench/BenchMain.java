package dev.payafter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every benchmark of BENCHMARKS.md in one go and writes {@code target/bench/}: the JMH results (JSON), a summary
 * in Markdown with the machine, every figure with its error and the ratios to both references, and the throughput
 * chart ({@code throughput.png}).
 *
 * <pre>
 * mvn -q -Pbench process-test-classes exec:exec@jmh                          # everything, the figures of BENCHMARKS.md
 * mvn -q -Pbench process-test-classes exec:exec@jmh -Dbench.args=quick       # a short run, to try something
 * mvn -q -Pbench process-test-classes exec:exec@jmh -Dbench.args="quick throughput"   # only some groups
 * mvn -q -Pbench process-test-classes exec:exec@jmh -Dbench.args=step        # one hot-path step: 1 thread, 1 fork,
 *                                                                           # with bytes allocated per decision
 * mvn -q -Pbench process-test-classes exec:exec@jmh -Dbench.args="quick peers"   # only the refund variants
 * </pre>
 *
 * Groups: {@code throughput} (1 and 2 threads), {@code latency}, {@code coldstart}, {@code coldprocess},
 * {@code reload}, {@code heap}, {@code replay}. The throughput and latency groups include the fast-refund peers
 * ({@link PeerBench}); {@code peers} runs only the refund benchmarks of both groups (engine, naive embedding, plain
 * Java and the peers).
 */
public final class BenchMain {
    static final Path OUT = Path.of("target", "bench");

    private record Settings(int forks, int warmups, int measurements, int coldForks, int coldProcesses,
            int reloadForks, int reloadWarmups, int reloadMeasurements) {
    }

    private static final Settings FULL = new Settings(2, 10, 5, 10, 10, 2, 10, 20);
    private static final Settings QUICK = new Settings(1, 2, 3, 2, 3, 1, 4, 5);
    /** One step of the hot-path work: throughput at 1 thread only, one fork, long enough for Drools to warm up. */
    private static final Settings STEP = new Settings(1, 6, 5, 0, 0, 0, 0, 0);

    private final Settings settings;
    private final String mode;
    private final StringBuilder summary = new StringBuilder();
    private final Map<String, double[]> throughput = new LinkedHashMap<>();
    /** The {@code peers} group without the {@code throughput} and {@code latency} groups: refund benchmarks only. */
    private boolean refundOnly;
    private final String commit = command("git", "rev-parse", "--short", "HEAD");
    private final String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.*)");

    private BenchMain(String mode) {
        this.mode = mode;
        this.settings = switch (mode) {
            case "quick" -> QUICK;
            case "step" -> STEP;
            default -> FULL;
        };
    }

    public static void main(String[] args) throws Exception {
        String[] words = String.join(" ", args).trim().split("\\s+");
        String mode = words.length == 0 || words[0].isEmpty() ? "full" : words[0];
        if (!List.of("full", "quick", "step").contains(mode)) {
            throw new IllegalArgumentException("first argument: full, quick or step, not " + mode);
        }
        List<String> groups = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            groups.add(words[i]);
        }
        Files.createDirectories(OUT);
        new BenchMain(mode).run(groups);
    }

    private void run(List<String> groups) throws Exception {
        line("# payafter benchmarks (" + mode + " run)");
        line("");
        machine();
        if (mode.equals("step")) {
            throughput(1);
            ratios();
            Files.writeString(OUT.resolve("step.md"), summary, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(summary);
            return;
        }
        refundOnly = !groups.isEmpty() && groups.contains("peers") && !groups.contains("throughput")
                && !groups.contains("latency");
        if (wanted(groups, "throughput") || refundOnly) {
            throughput(1);
            throughput(2);
            ratios();
            peers();
            Chart.write(throughput, "identical inputs (" + Inputs.SIZE + " random requests per kind, six profiles); "
                    + settings.forks + " forks x " + settings.measurements + " x 1 s; commit " + commit + "; "
                    + Runtime.getRuntime().availableProcessors() + " cores " + cpu, OUT.resolve("throughput.png"));
        }
        if (wanted(groups, "latency") || refundOnly) {
            latency();
        }
        if (wanted(groups, "coldstart")) {
            coldStart();
        }
        if (wanted(groups, "coldprocess")) {
            coldProcess();
        }
        if (wanted(groups, "reload")) {
            reload();
        }
        if (wanted(groups, "heap")) {
            heap();
        }
        if (wanted(groups, "replay")) {
            replay();
        }
        line("");
        line("load average after: " + loadAverage());
        Files.writeString(OUT.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(summary);
    }

    private static boolean wanted(List<String> groups, String group) {
        return groups.isEmpty() || groups.contains(group);
    }

    // ---- the groups -------------------------------------------------------------------------------------------

    private void throughput(int threads) throws RunnerException {
        ChainedOptionsBuilder options = refund(base()
                .include(DecisionBench.class.getSimpleName()))
                .mode(Mode.Throughput).timeUnit(java.util.concurrent.TimeUnit.SECONDS)
                .threads(threads).forks(settings.forks)
                .warmupIterations(settings.warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.measurements).measurementTime(TimeValue.seconds(1));
        if (mode.equals("step") || threads == 1) {
            options.addProfiler(GCProfiler.class); // bytes allocated per decision
        }
        if (!mode.equals("step")) {
            options.include(PeerBench.class.getSimpleName());
        }
        Collection<RunResult> results = runJmh("throughput-" + threads + "t", options);
        line("");
        line("## Throughput, " + threads + " thread" + (threads == 1 ? "" : "s")
                + " (decisions/s, mean ± 99.9% error, " + settings.forks + " forks × " + settings.measurements
                + " × 1 s after " + settings.warmups + " × 1 s warm-up)");
        line("");
        line("| decision | engine | naive embedding | plain Java |");
        line("|---|---:|---:|---:|");
        Map<String, Map<String, Result<?>>> byKind = new LinkedHashMap<>();
        for (RunResult result : sorted(results)) {
            String kind = result.getParams().getParam("kind");
            String variant = method(result);
            byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(variant, result.getPrimaryResult());
            throughput.put(kind + "/" + variant + "/" + threads + "t",
                    new double[] {result.getPrimaryResult().getScore(), error(result.getPrimaryResult())});
        }
        for (Map.Entry<String, Map<String, Result<?>>> kind : byKind.entrySet()) {
            Map<String, Result<?>> v = kind.getValue();
            line("| " + kind.getKey() + " | " + ops(v.get("engine")) + " | " + ops(v.get("naive")) + " | "
                    + ops(v.get("plainJava")) + " |");
        }
        if (threads == 1) {
            allocation(results);
        }
    }

    private void allocation(Collection<RunResult> results) {
        line("");
        line("## Allocation (bytes per decision, JMH GC profiler `gc.alloc.rate.norm`)");
        line("");
        line("| decision | variant | B/decision |");
        line("|---|---|---:|");
        for (RunResult result : sorted(results)) {
            Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (norm != null) {
                line(String.format(Locale.ROOT, "| %s | %s | %,.0f |", result.getParams().getParam("kind"),
                        method(result), norm.getScore()));
            }
        }
    }

    private void ratios() {
        line("");
        line("## Ratios in the same run (engine ÷ naive embedding; plain Java ÷ engine), ± propagated error");
        line("");
        line("| decision | threads | engine ÷ naive | plain Java ÷ engine |");
        line("|---|---:|---:|---:|");
        for (String kind : List.of("eligibility", "refund", "deduction")) {
            for (int threads : new int[] {1, 2}) {
                double[] engine = throughput.get(kind + "/engine/" + threads + "t");
                double[] naive = throughput.get(kind + "/naive/" + threads + "t");
                double[] plain = throughput.get(kind + "/plainJava/" + threads + "t");
                if (engine == null || naive == null || plain == null) {
                    continue;
                }
                line("| " + kind + " | " + threads + " | " + ratio(engine, naive) + " | " + ratio(plain, engine) + " |");
            }
        }
    }

    /** Fast refund on every variant: the engine, the naive embedding, plain Java and the peers ({@link PeerBench}). */
    private void peers() {
        List<String> variants = List.of("engine", "naive", "plainJava", "easyRules", "dmn", "evrete");
        Map<String, String> names = Map.of("engine", "engine (fully explained)", "naive",
                "naive embedding (new StatelessKieSession)", "plainJava", "plain Java (the limit)", "easyRules",
                "Easy Rules 4.1 (MVEL rules)", "dmn", "KIE DMN 10.2 (COLLECT decision table)", "evrete",
                "Evrete 4.0 (fluent Java rules)");
        line("");
        line("## Fast refund on every variant, same inputs and run (decisions/s; ratios ± propagated error)");
        line("");
        line("| variant | threads | decisions/s | ÷ engine | ÷ plain Java |");
        line("|---|---:|---:|---:|---:|");
        for (String variant : variants) {
            for (int threads : new int[] {1, 2}) {
                double[] v = throughput.get("refund/" + variant + "/" + threads + "t");
                double[] engine = throughput.get("refund/engine/" + threads + "t");
                double[] plain = throughput.get("refund/plainJava/" + threads + "t");
                if (v == null) {
                    continue;
                }
                line(String.format(Locale.ROOT, "| %s | %d | %,.0f ± %,.0f | %s | %s |", names.get(variant), threads,
                        v[0], v[1], engine == null ? "–" : ratio(v, engine), plain == null ? "–" : ratio(v, plain)));
            }
        }
    }

    private ChainedOptionsBuilder refund(ChainedOptionsBuilder options) {
        return refundOnly ? options.param("kind", "refund") : options;
    }

    private void latency() throws RunnerException {
        Collection<RunResult> results = runJmh("latency", refund(base()
                .include(DecisionBench.class.getSimpleName() + "\\.(engine|naive)$")
                .include(PeerBench.class.getSimpleName()))
                .mode(Mode.SampleTime).timeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
                .threads(1).forks(Math.max(1, settings.forks - 1))
                .warmupIterations(settings.warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.measurements).measurementTime(TimeValue.seconds(1)));
        line("");
        line("## Latency, 1 thread (µs per decision, JMH sample time)");
        line("");
        line("| decision | variant | samples | mean | p50 | p90 | p99 | p99.9 |");
        line("|---|---|---:|---:|---:|---:|---:|---:|");
        for (RunResult result : sorted(results)) {
            Statistics s = result.getPrimaryResult().getStatistics();
            line(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |",
                    result.getParams().getParam("kind"), method(result), s.getN(), s.getMean(), s.getPercentile(50),
                    s.getPercentile(90), s.getPercentile(99), s.getPercentile(99.9)));
        }
    }

    private void coldStart() throws RunnerException {
        Collection<RunResult> results = runJmh("coldstart", base()
                .include(ColdStartBench.class.getSimpleName())
                .mode(Mode.SingleShotTime).timeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .forks(settings.coldForks).warmupIterations(0).measurementIterations(1));
        line("");
        line("## Cold start");
        line("");
        for (RunResult result : results) {
            Result<?> r = result.getPrimaryResult();
            line(String.format(Locale.ROOT, "- in a fresh JVM (JMH single shot, %d forks), building the bundled rules to"
                    + " the first decision%s: **%.0f ± %.0f ms** (min %.0f, max %.0f)", settings.coldForks,
                    method(result).endsWith("EachKind") ? " of each kind (eligibility, refund, deduction)" : "",
                    r.getScore(), error(r), r.getStatistics().getMin(), r.getStatistics().getMax()));
        }
    }

    private void coldProcess() throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        coldProcesses("a new process (`java -cp … ColdStartMain`", classPath, List.of());
        // the same with a class-data archive of the class path (AppCDS), a JVM option any host can use: one training
        // run writes it; CDS archives classes from jars only, so the build's class folders are jarred first
        Path dir = OUT.resolve("cds");
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                Path jar = dir.resolve("classes-" + entries.size() + ".jar");
                Files.deleteIfExists(jar);
                runTool(List.of(Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "cf", jar.toString(),
                        "-C", entry, "."));
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        String jars = String.join(java.io.File.pathSeparator, entries);
        Path archive = dir.resolve("payafter.jsa");
        Files.deleteIfExists(archive);
        runJava(List.of("-XX:ArchiveClassesAtExit=" + archive), jars, ColdStartMain.class.getName());
        coldProcesses("the same with AppCDS (`java -XX:SharedArchiveFile=payafter.jsa -cp <jars> …`, the archive"
                + " written by one training run with `-XX:ArchiveClassesAtExit`", jars,
                List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"));
    }

    private void coldProcesses(String what, String classPath, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<Double> wall = new ArrayList<>();
        List<Double> inside = new ArrayList<>();
        for (int i = 0; i < settings.coldProcesses; i++) {
            long started = System.nanoTime();
            String output = runJava(jvmOptions, classPath, ColdStartMain.class.getName());
            wall.add((System.nanoTime() - started) / 1e6);
            inside.add(Double.parseDouble(output.replace("decided", "").strip()));
        }
        line(String.format(Locale.ROOT, "- %s, %d runs): process start to the first decision printed **%.0f ± %.0f ms**"
                + " (mean ± sd; min %.0f); of which inside main (build + decide) **%.0f ± %.0f ms** (min %.0f)", what,
                wall.size(), mean(wall), sd(wall), min(wall), mean(inside), sd(inside), min(inside)));
    }

    private void reload() throws RunnerException {
        Collection<RunResult> results = runJmh("reload", base()
                .include(ReloadBench.class.getSimpleName())
                .mode(Mode.SingleShotTime).timeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .forks(settings.reloadForks).warmupIterations(settings.reloadWarmups)
                .measurementIterations(settings.reloadMeasurements));
        line("");
        line("## Reload in a warm JVM (ms per engine build, " + settings.reloadForks + " forks × "
                + settings.reloadMeasurements + " builds after " + settings.reloadWarmups + " warm-up builds)");
        line("");
        for (RunResult result : sorted(results)) {
            Result<?> r = result.getPrimaryResult();
            line(String.format(Locale.ROOT, "- %s: **%.1f ± %.1f ms** (min %.1f, max %.1f)", method(result),
                    r.getScore(), error(r), r.getStatistics().getMin(), r.getStatistics().getMax()));
        }
    }

    private void replay() throws RunnerException {
        int warmups = mode.equals("quick") ? 0 : 1;
        int measurements = mode.equals("quick") ? 1 : 3;
        Collection<RunResult> results = runJmh("replay", base()
                .include(ReplayBench.class.getSimpleName())
                .mode(Mode.SingleShotTime).timeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .forks(1).warmupIterations(warmups).measurementIterations(measurements));
        line("");
        line("## The analysts' diff: replay of recorded requests through two rule sets, 2 threads");
        line("");
        for (RunResult result : results) {
            Result<?> r = result.getPrimaryResult();
            int requests = Integer.parseInt(result.getParams().getParam("requests"));
            line(String.format(Locale.ROOT, "- %,d requests (each decided by both rule sets), 1 fork × %d replays"
                    + " after %d warm-up replay%s: **%.1f s** per replay (min %.1f, max %.1f), %,.0f requests/s", requests,
                    measurements, warmups, warmups == 1 ? "" : "s", r.getScore() / 1000, r.getStatistics().getMin() / 1000,
                    r.getStatistics().getMax() / 1000, requests / (r.getScore() / 1000)));
        }
    }

    private void heap() throws IOException, InterruptedException {
        String output = runJava(HeapPerEngine.class.getName(), "20", "2");
        String[] parts = output.strip().split("\\s+");
        line("");
        line("## Heap retained per engine");
        line("");
        line(String.format(Locale.ROOT, "- %s engines on the bundled rules, each used by %s threads (every kind, every"
                + " profile), held; used heap after full GCs, difference ÷ engines: **%s KiB per engine**", parts[2],
                parts[3], parts[1]));
    }

    // ---- JMH and processes ------------------------------------------------------------------------------------

    private static ChainedOptionsBuilder base() {
        return new OptionsBuilder().shouldFailOnError(true).jvmArgsAppend("-Xms1g", "-Xmx1g");
    }

    private Collection<RunResult> runJmh(String name, ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.resultFormat(ResultFormatType.JSON)
                .result(OUT.resolve(name + ".json").toString()).build()).run();
    }

    private static String runJava(String mainClass, String... args) throws IOException, InterruptedException {
        return runJava(List.of(), System.getProperty("java.class.path"), mainClass, args);
    }

    private static String runJava(List<String> jvmOptions, String classPath, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output = reader.readLine();
        }
        if (process.waitFor() != 0 || output == null) {
            throw new IllegalStateException(mainClass + " failed (exit " + process.exitValue() + ")");
        }
        return output;
    }

    private static void runTool(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
        }
    }

    // ---- the machine ------------------------------------------------------------------------------------------

    private void machine() {
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " processors (`nproc`), CPU " + cpu
                + ", memory "
                + firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(.*)"));
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + "), benchmark forks with -Xms1g -Xmx1g; JMH 1.37");
        line("- commit: " + commit + ", load average before: " + loadAverage());
    }

    private static String loadAverage() {
        return firstMatch(Path.of("/proc/loadavg"), "^(\\S+ \\S+ \\S+)");
    }

    private static String firstMatch(Path file, String regex) {
        try {
            java.util.regex.Matcher m = Pattern.compile(regex, Pattern.MULTILINE)
                    .matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? m.group(1).strip() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    // ---- formatting -------------------------------------------------------------------------------------------

    private void line(String text) {
        summary.append(text).append('\n');
    }

    private static List<RunResult> sorted(Collection<RunResult> results) {
        List<String> kinds = List.of("eligibility", "refund", "deduction");
        return results.stream().sorted(java.util.Comparator
                .comparing((RunResult r) -> r.getParams().getParam("kind") == null ? 0
                        : kinds.indexOf(r.getParams().getParam("kind")))
                .thenComparing(BenchMain::method)).toList();
    }

    private static String method(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The half-width of the 99.9% confidence interval; NaN (one sample) shown as 0. */
    private static double error(Result<?> result) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? 0 : error;
    }

    private static String ops(Result<?> result) {
        if (result == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", result.getScore(), error(result));
    }

    private static String ratio(double[] a, double[] b) {
        double ratio = a[0] / b[0];
        double relative = Math.sqrt(Math.pow(a[1] / a[0], 2) + Math.pow(b[1] / b[0], 2));
        return String.format(Locale.ROOT, "%.2f× ± %.2f", ratio, ratio * relative);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sd(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
