package dev.payafter.tools;

import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.Reason;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleSource;
import dev.payafter.scenarios.RecordedRequests;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code diff}: replays recorded requests through two rule sets and reports the decisions that changed, grouped by
 * outcome transition and by reason, writing every changed request with both decisions to a JSON Lines file.
 * Requests are decided in batches on a small thread pool (engines are thread-safe); the output keeps input order.
 */
public final class Differ {
    private static final int BATCH = 2_000;
    private static final int MAX_ERRORS_LISTED = 20;

    private Differ() {
    }

    /**
     * What changed.
     *
     * @param requests how many records were read
     * @param changed how many decisions changed (outcome, reason codes or details)
     * @param transitions changed decisions by {@code kind: OLD -> NEW} outcome, most first
     * @param reasons reason codes that appeared ({@code +CODE}) or disappeared ({@code -CODE}) in changed
     *     decisions, with how many decisions, most first
     * @param unreadable how many records could not be read or decided
     * @param errors the first unreadable records, with line and reason
     * @param output where the changed requests were written
     * @param millis how long the replay took
     */
    public record Report(long requests, long changed, Map<String, Long> transitions, Map<String, Long> reasons,
            long unreadable, List<String> errors, Path output, long millis) {
    }

    private record Batch(List<RequestFiles.Record> records) {
    }

    private static final class Result {
        final Map<String, Long> transitions = new TreeMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final List<String> errors = new ArrayList<>();
        final StringBuilder changedLines = new StringBuilder();
        long changed;
        long unreadable;
        long requests;
    }

    /**
     * Replays {@code requests} through both rule sets.
     *
     * @param threads how many threads decide (2 on this project's machines)
     * @throws RequestFileException if any record of the request file is bad; every record is read and checked
     *     before either rule set is compiled
     * @throws dev.payafter.RuleCompilationException if either rule set does not compile
     * @throws IOException if the request file cannot be read or the output written
     */
    public static Report diff(Path oldRules, Path newRules, Path requests, Path output, int threads,
            List<String> allowed) throws IOException {
        RequestFiles.check(requests);
        return replay(engine(oldRules, allowed), engine(newRules, allowed), requests, output, threads);
    }

    /**
     * Replays {@code requests} through two engines already built (each record switches to its own profile).
     *
     * @param threads how many threads decide (2 on this project's machines)
     * @throws RequestFileException if any record of the request file is bad (checked before anything is decided)
     * @throws IOException if the request file cannot be read or the output written
     */
    public static Report diff(PayAfterEngine before, PayAfterEngine after, Path requests, Path output, int threads)
            throws IOException {
        RequestFiles.check(requests);
        return replay(before, after, requests, output, threads);
    }

    /** Replays a request file already checked. */
    private static Report replay(PayAfterEngine before, PayAfterEngine after, Path requests, Path output,
            int threads) throws IOException {
        long started = System.nanoTime();
        Result total = new Result();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "payafter-diff");
            t.setDaemon(true);
            return t;
        });
        try (RequestFiles.Reader reader = RequestFiles.open(requests);
                BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            Deque<Future<Result>> inFlight = new ArrayDeque<>();
            while (true) {
                List<RequestFiles.Record> records = new ArrayList<>(BATCH);
                while (records.size() < BATCH) {
                    RequestFiles.Record r = reader.next();
                    if (r == null) {
                        break;
                    }
                    records.add(r);
                }
                if (!records.isEmpty()) {
                    Batch batch = new Batch(records);
                    inFlight.add(pool.submit(() -> decide(before, after, requests, batch)));
                }
                while (!inFlight.isEmpty() && (records.isEmpty() || inFlight.size() > threads * 2)) {
                    merge(total, inFlight.removeFirst(), out);
                }
                if (records.isEmpty()) {
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(total.requests, total.changed, sorted(total.transitions), sorted(total.reasons),
                total.unreadable, total.errors, output, (System.nanoTime() - started) / 1_000_000);
    }

    /** An engine on a rule directory, as {@code diff} builds it: its first profile, the extra allowed types. */
    public static PayAfterEngine engine(Path rules, List<String> allowed) {
        List<String> profiles = RuleCompiler.compileProfiles(RuleSource.fromDirectory(rules));
        return PayAfterEngine.builder().rules(rules).profile(profiles.isEmpty() ? "default" : profiles.get(0))
                .allowRuleAccessTo(allowed.toArray(String[]::new)).build();
    }

    private static void merge(Result total, Future<Result> future, BufferedWriter out) throws IOException {
        Result part;
        try {
            part = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch failed", e.getCause());
        }
        total.requests += part.requests;
        total.changed += part.changed;
        total.unreadable += part.unreadable;
        part.transitions.forEach((k, v) -> total.transitions.merge(k, v, Long::sum));
        part.reasons.forEach((k, v) -> total.reasons.merge(k, v, Long::sum));
        for (String error : part.errors) {
            if (total.errors.size() < MAX_ERRORS_LISTED) {
                total.errors.add(error);
            }
        }
        out.write(part.changedLines.toString());
    }

    private static Result decide(PayAfterEngine before, PayAfterEngine after, Path file, Batch batch) {
        Result result = new Result();
        for (RequestFiles.Record record : batch.records()) {
            result.requests++;
            if (record.error() != null) { // the file changed since it was checked
                result.unreadable++;
                result.errors.add(record.error());
                continue;
            }
            RecordedRequests.Decision old;
            RecordedRequests.Decision now;
            try {
                RecordedRequests.Parsed parsed = RequestFiles.parse(file, record);
                old = RecordedRequests.decide(before, parsed);
                now = RecordedRequests.decide(after, parsed);
            } catch (PayAfterException e) { // a profile one of the rule sets does not have
                result.unreadable++;
                result.errors.add(e.getMessage());
                continue;
            }
            if (!old.differsFrom(now)) {
                continue;
            }
            result.changed++;
            result.transitions.merge(old.kind() + ": " + old.outcome() + " -> " + now.outcome(), 1L, Long::sum);
            Set<String> oldCodes = old.reasonCodes();
            Set<String> newCodes = now.reasonCodes();
            for (String code : newCodes) {
                if (!oldCodes.contains(code)) {
                    result.reasons.merge("+" + code, 1L, Long::sum);
                }
            }
            for (String code : oldCodes) {
                if (!newCodes.contains(code)) {
                    result.reasons.merge("-" + code, 1L, Long::sum);
                }
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", record.line());
            line.put("request", record.fields());
            line.put("old", json(old));
            line.put("new", json(now));
            Json.write(result.changedLines, line);
            result.changedLines.append('\n');
        }
        return result;
    }

    static Map<String, Object> json(RecordedRequests.Decision decision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", decision.outcome());
        m.put("reasons", decision.reasons().stream().map(Reason::code).toList());
        m.put("details", new TreeMap<>(decision.details()));
        return m;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
