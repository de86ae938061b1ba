package dev.payafter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Rule sets for tests: copies of the bundled rules in a temporary folder, edited per test. */
public final class TestRules {
    public static final Path BUNDLED = Path.of("rules");

    /** An eligibility rule that throws for the order {@code order-boom} and does nothing otherwise. */
    public static final String THROWS_FOR_ORDER_BOOM = """
            package eligibility;
            import dev.payafter.eligibility.EligibilityRequest;
            rule "Throws for one order"
            when
                EligibilityRequest( orderId == "order-boom" )
            then
                throw new IllegalStateException("boom");
            end
            """;

    /** Refund rules that, for the order {@code order-loop}, modify a fact of their own forever. */
    public static final String LOOPS_FOR_ORDER_LOOP = """
            package refund;
            import dev.payafter.refund.RefundRequest;
            declare Tick
                n : int
            end
            rule "Starts ticking for one order"
            when
                RefundRequest( orderId == "order-loop" )
            then
                insert(new Tick(0));
            end
            rule "Ticks forever"
            when
                $tick : Tick( n >= 0 )
            then
                modify($tick){ setN($tick.getN() + 1) }
            end
            """;

    private TestRules() {
    }

    /** A copy of {@code rules/} under {@code directory}, scenario tables included. */
    public static Path copyOfBundled(Path directory) {
        Path target = directory.resolve("rules");
        try (Stream<Path> walk = Files.walk(BUNDLED)) {
            for (Path source : walk.toList()) {
                Path copy = target.resolve(BUNDLED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Writes (or overwrites) {@code relative} under {@code rules}. */
    public static Path write(Path rules, String relative, String content) {
        Path file = rules.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Replaces the first occurrence of {@code from} in a rule file, failing if it is absent. */
    public static void replace(Path rules, String relative, String from, String to) {
        Path file = rules.resolve(relative);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(relative + " does not contain " + from);
            }
            Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
