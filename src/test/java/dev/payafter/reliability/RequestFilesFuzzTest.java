package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.tools.AnalystCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A fuzz target for the analyst tool's request files: random bytes, random JSON-ish text, valid files mutated
 * (bytes flipped, hostile tokens inserted, ranges cut or repeated) and valid files with huge numbers, as
 * {@code .json}, {@code .jsonl} and {@code .csv}, through {@code explain} and {@code diff}. Whatever the file, the
 * tool returns an exit code (never a {@link Throwable}), within a time bound, and prints only short lines without
 * raw control or line-breaking characters. The rules directory does not exist, so every run exits 2: a bad file
 * is refused before the rules are looked at, a good one fails on the missing rules.
 *
 * <p>Tries: {@code jqwik.tries.default} (2,000 in the default build, 100,000 with {@code -Psoak}).
 */
class RequestFilesFuzzTest {
    /** Per run; each takes a few milliseconds. */
    static final long BOUND_NANOS = 5_000_000_000L;

    static Path dir;
    static Path noRules;

    @BeforeContainer
    static void directory() throws IOException {
        dir = Files.createTempDirectory("payafter-fuzz");
        noRules = dir.resolve("no-rules");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A hostile file: its type, its bytes and the command that reads it. */
    record Hostile(String type, byte[] bytes, String command, String origin) {
        @Override
        public String toString() {
            return origin + " " + command + " ." + type + ": " + new String(bytes, 0, Math.min(bytes.length, 300),
                    StandardCharsets.ISO_8859_1);
        }
    }

    static final List<String> TEMPLATES_JSON = List.of(
            "{\"kind\": \"eligibility\", \"profile\": \"kuaishou\", \"zhima\": 600, \"amount\": 199.00,"
                    + " \"available_credit\": 5000, \"overdue_orders\": 0, \"merchant_minimum\": 600}",
            "{\"kind\": \"refund\", \"profile\": \"kuaishou\", \"premium\": null, \"completed_orders\": 12,"
                    + " \"refund_rate_percent\": 5.5, \"disputes\": 0, \"paid_amount\": 299.99}",
            "{\"kind\": \"deduction\", \"profile\": \"tmall\", \"now\": \"2026-03-20T10:00+08:00\","
                    + " \"ordered_at\": \"2026-03-01T10:00+08:00\", \"delivered_at\": \"2026-03-03T10:00+08:00\","
                    + " \"failed_attempts\": [\"2026-03-10T10:00+08:00\"], \"amount\": 128.00}",
            "{\"kind\": \"deduction\", \"profile\": \"kuaishou\", \"now\": \"2026-03-20T10:00+08:00\","
                    + " \"order_kind\": \"SERVICE\", \"ordered_at\": \"2026-03-01T10:00+08:00\", \"actual_fee\": 12.5}");

    static final List<String> TEMPLATES_CSV = List.of(
            "kind,profile,zhima,amount,paid_amount,premium\neligibility,kuaishou,600,199.00,,\n"
                    + "refund,kuaishou,,,299.99,true\n",
            "kind,profile,now,ordered_at,delivered_at,failed_attempts\ndeduction,tmall,2026-03-20T10:00+08:00,"
                    + "2026-03-01T10:00+08:00,2026-03-03T10:00+08:00,2026-03-10T10:00+08:00|2026-03-11T10:00+08:00\n");

    static final List<String> TOKENS = List.of("1e999999999", "-1E-999999999", "1e99999999", "0E-999999999",
            "9".repeat(120), "[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":", "]]]]", "}}}", "\u2028", "\u2029", "\u0085",
            "\u0000", "\\u0000", "\\ud800", "\"", "\\", ",", ":", "NaN", "-Infinity", "null", "true", "\n", "\r\n",
            "\ufeff", "\u202e", "\u001b[2J", "zhimaa", "\"kind\"", "\"profile\": \"\"", "\"now\": \"+999999999-12-31T23:59:59Z\"",
            "|", "\"\"\"", "2026-02-30T10:00+08:00");

    @Provide
    Arbitrary<Hostile> hostileFiles() {
        Arbitrary<String> type = Arbitraries.of("json", "jsonl", "csv");
        Arbitrary<String> command = Arbitraries.of("explain", "diff");
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789eE+-. \n\\ntruefalsNIkindpro")
                .withChars('\u2028', '\u00e9', '\ud800').ofMaxLength(400).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(templates()),
                mutation().list().ofMinSize(1).ofMaxSize(5)).as(RequestFilesFuzzTest::mutate);
        Arbitrary<byte[]> hugeNumber = Combinators.combine(Arbitraries.of(TEMPLATES_JSON),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(150),
                Arbitraries.of("", "e", "E-", "e+", "."), Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 6)).as((template, digits, exp, power, field) -> {
                    String number = exp.equals(".") ? "0." + digits : digits.replaceFirst("^0+(?=.)", "") + exp
                            + (exp.isEmpty() ? "" : power);
                    String[] fields = {"\"zhima\": 600", "\"amount\": 199.00", "\"paid_amount\": 299.99",
                        "\"refund_rate_percent\": 5.5", "\"amount\": 128.00", "\"actual_fee\": 12.5",
                        "\"available_credit\": 5000"};
                    String target = fields[field];
                    String name = target.substring(0, target.indexOf(':') + 1);
                    return template.replace(target, name + " " + number).getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<Tuple.Tuple2<String, byte[]>> content = Arbitraries.frequencyOf(
                Tuple.of(1, randomBytes.map(b -> Tuple.of("random bytes", b))),
                Tuple.of(1, jsonish.map(b -> Tuple.of("JSON-ish", b))),
                Tuple.of(3, mutated.map(b -> Tuple.of("mutated", b))),
                Tuple.of(2, hugeNumber.map(b -> Tuple.of("huge number", b))));
        return Combinators.combine(type, content, command).as((t, c, cmd) -> new Hostile(t, c.get2(), cmd, c.get1()));
    }

    static List<String> templates() {
        List<String> all = new ArrayList<>(TEMPLATES_JSON);
        all.add(String.join("\n", TEMPLATES_JSON) + "\n");
        all.addAll(TEMPLATES_CSV);
        return all;
    }

    /** One edit: at a relative position, an operation, an argument. */
    record Mutation(double at, int op, int arg) {
    }

    static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 1 << 16)).as(Mutation::new);
    }

    static byte[] mutate(String template, List<Mutation> mutations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = template.getBytes(StandardCharsets.UTF_8);
        for (Mutation m : mutations) {
            int at = (int) (m.at() * bytes.length);
            out.reset();
            switch (m.op()) {
                case 0 -> { // flip a byte
                    bytes = bytes.clone();
                    if (bytes.length > 0) {
                        bytes[Math.min(at, bytes.length - 1)] ^= (byte) (1 + m.arg() % 255);
                    }
                    continue;
                }
                case 1 -> { // insert a hostile token
                    out.write(bytes, 0, at);
                    out.writeBytes(TOKENS.get(m.arg() % TOKENS.size()).getBytes(StandardCharsets.UTF_8));
                    out.write(bytes, at, bytes.length - at);
                }
                case 2 -> { // cut a range
                    int end = Math.min(bytes.length, at + 1 + m.arg() % 40);
                    out.write(bytes, 0, at);
                    out.write(bytes, end, bytes.length - end);
                }
                case 3 -> { // repeat a range
                    int end = Math.min(bytes.length, at + 1 + m.arg() % 40);
                    out.write(bytes, 0, end);
                    for (int i = 0; i < 1 + m.arg() % 50; i++) {
                        out.write(bytes, at, end - at);
                    }
                    out.write(bytes, end, bytes.length - end);
                }
                default -> { // a raw invalid UTF-8 byte
                    out.write(bytes, 0, at);
                    out.write(0x80 + m.arg() % 0x80);
                    out.write(bytes, at, bytes.length - at);
                }
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }

    @Property
    void anyRequestFileGetsAnExitCodeQuicklyWithShortCleanLines(@ForAll("hostileFiles") Hostile file)
            throws IOException {
        Path path = Files.write(dir.resolve("request." + file.type()), file.bytes());
        String[] args = file.command().equals("explain")
                ? new String[] {"explain", noRules.toString(), path.toString()}
                : new String[] {"diff", noRules.toString(), noRules.toString(), path.toString(), "--out",
                    dir.resolve("changed.jsonl").toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code = AnalystCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)); // a Throwable fails the property
        long took = System.nanoTime() - started;

        assertThat(took).as("nanoseconds for %s", file).isLessThan(BOUND_NANOS);
        assertThat(code).as("exit code for %s", file).isIn(0, 1, 2).isEqualTo(2);
        String errors = err.toString(StandardCharsets.UTF_8);
        boolean refused = errors.contains("the request file is refused; nothing was decided");
        Statistics.label("refused").collect(refused);
        assertThat(refused || errors.contains("does not exist")).as(errors).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(errors.lines().toList()).allSatisfy(line -> assertThat(line).hasSizeLessThan(400)
                .doesNotContain("\r", "\u0000", "\u001b", "\u2028", "\u2029", "\u0085"));
    }
}
