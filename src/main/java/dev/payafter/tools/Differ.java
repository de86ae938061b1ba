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
 * outcome transition and by reason, writing every changed request with both decisions to a file when asked: JSON
 * Lines, or CSV ({@link Format}).
 * Requests are decided in batches on a small thread pool (engines are thread-safe); the output keeps input order.
 */
public final class Differ {
    private static final int BATCH = 2_000;
    private static final int MAX_ERRORS_LISTED = 20;
    private static final org.apache.commons.csv.CSVFormat CSV_OUT = org.apache.commons.csv.CSVFormat.RFC4180;

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
     * @param output where the changed requests were written, or null when no file was asked for
     * @param millis how long the replay took
     */
    public record Report(long requests, long changed, Map<String, Long> transitions, Map<String, Long> reasons,
            long unreadable, List<String> errors, Path output, long millis) {
    }

    /** How the changed requests are written. */
    public enum Format {
        /** One JSON object a line: {@code {"line":..,"request":{..},"old":{..},"new":{..}}}. */
        JSONL,
        /**
         * CSV with a header: line, kind, profile, old_outcome, new_outcome, old_reasons, new_reasons (codes joined
         * with |), old_details, new_details (JSON), request (JSON).
         */
        CSV;

        /** The format a file name asks for: {@code .csv} is CSV, anything else JSON Lines. */
        public static Format of(Path file) {
            return String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? CSV
                    : JSONL;
        }
    }

    static final List<String> CSV_HEADER = List.of("line", "kind", "profile", "old_outcome", "new_outcome",
            "old_reasons", "new_reasons", "old_details", "new_details", "request");

    private record Batch(List<RequestFiles.Record> records, Format format) {
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
        return diff(oldRules, newRules, requests, output, output == null ? Format.JSONL : Format.of(output), threads,
                allowed);
    }

    /**
     * Replays {@code requests} through both rule sets, writing the changed requests to {@code output} (none when
     * null) as {@code format}.
     *
     * @throws RequestFileException if any record of the request file is bad (checked before anything is compiled)
     * @throws IOException if the request file cannot be read or the output written
     */
    public static Report diff(Path oldRules, Path newRules, Path requests, Path output, Format format, int threads,
            List<String> allowed) throws IOException {
        RequestFiles.check(requests);
        return replay(engine(oldRules, allowed), engine(newRules, allowed), requests, output, format, threads);
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
        return replay(before, after, requests, output, output == null ? Format.JSONL : Format.of(output), threads);
    }

    /** Replays a request file already checked. */
    private static Report replay(PayAfterEngine before, PayAfterEngine after, Path requests, Path output,
            Format format, int threads) throws IOException {
        long started = System.nanoTime();
        Result total = new Result();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "payafter-diff");
            t.setDaemon(true);
            return t;
        });
        try (RequestFiles.Reader reader = RequestFiles.open(requests);
                BufferedWriter out = output == null ? null : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (out != null && format == Format.CSV) {
                StringBuilder header = new StringBuilder();
                CSV_OUT.printRecord(header, CSV_HEADER.toArray());
                out.write(header.toString());
            }
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
                    Batch batch = new Batch(records, format);
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
        if (out != null) {
            out.write(part.changedLines.toString());
        }
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
            if (batch.format() == Format.CSV) {
                try {
                    CSV_OUT.printRecord(result.changedLines, record.line(), old.kind(), old.profile(),
                            old.outcome(), now.outcome(), codes(old), codes(now),
                            Json.write(new TreeMap<>(old.details())), Json.write(new TreeMap<>(now.details())),
                            Json.write(record.fields()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
                }
                continue;
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

    private static String codes(RecordedRequests.Decision decision) {
        return String.join("|", decision.reasons().stream().map(Reason::code).toList());
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
