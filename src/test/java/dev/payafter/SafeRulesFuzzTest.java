package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.refund.RefundDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * A fuzz target for rule loading (issue "Trust under attack"): a bundled DRL file or decision table mutated with
 * hostile fragments (host calls carrying a payload, reflection, the engine's runtime, broken syntax, deep nesting,
 * stray quotes and escapes) either compiles or is refused with {@link RuleCompilationException}; nothing else escapes
 * the build, an accepted rule set decides without a throwable escaping, and the payload never runs. Each try compiles
 * a whole rule set (about a second), so the default build runs 4 tries of one mutated file each, and {@code -Psoak}
 * 4 tries of {@code payafter.fuzz.rules.rounds} = 25 mutated files each (100 rule sets).
 */
class SafeRulesFuzzTest {
    private static final Path MARKER = Path.of("target", "fuzz-pwned").toAbsolutePath();
    private static final String WRITE = "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
            + MARKER.toString().replace("\\", "/") + "\"), \"x\")";
    private static final List<String> FILES = List.of("eligibility/credit-score.drl", "refund/fast-refund.drl",
            "deduction/failed-deductions.drl", "refund/excluded-categories.drl.csv");

    private static final List<String> FRAGMENTS = List.of(
            "try { " + WRITE + "; } catch (Exception e) { }", "System.exit(1);", "Runtime.getRuntime().exec(\"id\");",
            "\"\".getClass().getName();", "Object::getClass", "drools.halt();",
            "drools.getKieRuntime().getKieBase().removeRule(\"refund\", \"Order already shipped\");",
            "kcontext.getKieRuntime();", "java.time.Instant.now()", "synchronized(\"x\"){}", "\"\"\"\n x \"\"\";",
            "\\u0053ystem.exit(2);", "))))", "((((((((", "\"", "'", "end", "then", "rule \"X\" when then end",
            "function void f() { " + WRITE + "; }", "eval(" + WRITE.replace("writeString", "exists") + ")",
            "global java.util.List g;", "import java.io.File;", ",", "$param", "a.a.a.a.a.a.a.a.a.a");

    @Provide
    Arbitrary<String[]> mutations() {
        Arbitrary<String> file = Arbitraries.of(FILES);
        Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 40);
        return Combinators.combine(file, fragment, at, cut)
                .as((f, frag, position, length) -> new String[] {f, frag, String.valueOf(position), String.valueOf(length)});
    }

    @Property(tries = 4, seed = "20261201")
    void aMutatedRuleFileCompilesOrIsRefusedAndItsPayloadNeverRuns(@ForAll("mutations") String[] mutation)
            throws IOException {
        int rounds = Integer.getInteger("payafter.fuzz.rules.rounds", 1);
        java.util.Random random = new java.util.Random(String.join("|", mutation).hashCode());
        for (int round = 0; round < rounds; round++) {
            String[] next = round == 0 ? mutation : new String[] {FILES.get(random.nextInt(FILES.size())),
                    FRAGMENTS.get(random.nextInt(FRAGMENTS.size())), String.valueOf(random.nextInt(10_000)),
                    String.valueOf(random.nextInt(40))};
            mutateCompileDecide(next);
        }
    }

    private void mutateCompileDecide(String[] mutation) throws IOException {
        Path temp = Files.createTempDirectory("fuzz-rules");
        Path rules = TestRules.copyOfBundled(temp);
        Path file = rules.resolve(mutation[0]);
        String text = Files.readString(file);
        int at = Integer.parseInt(mutation[2]) % (text.length() + 1);
        int end = Math.min(text.length(), at + Integer.parseInt(mutation[3]));
        Files.writeString(file, text.substring(0, at) + mutation[1] + text.substring(end));
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build()) {
            RefundDecision decision = engine.decide(Requests.refund("10.00"));
            assertThat(decision.outcome()).isNotNull();
        } catch (RuleCompilationException refused) {
            assertThat(refused.problems()).isNotEmpty();
        } finally {
            try (java.util.stream.Stream<Path> walk = Files.walk(temp)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        assertThat(MARKER).doesNotExist();
    }

    @AfterProperty
    void noPayloadRan() {
        assertThat(MARKER).doesNotExist();
        try {
            Files.deleteIfExists(MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
