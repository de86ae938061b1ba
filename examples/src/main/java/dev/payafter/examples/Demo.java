package dev.payafter.examples;

import dev.payafter.PayAfterEngine;
import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The README's demo: one engine built from the rules bundled in the jar, and real decisions of all three kinds.
 * Run it with {@code mvn -q test-compile exec:java@demo}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        out.println("payafter demo: bundled rule set " + engine.ruleSet().version() + ", profiles "
                + engine.ruleSet().profiles());
        new CheckoutExample(engine).run(out);
        new RefundDeskExample(engine).run(out);
        Instant now = OffsetDateTime.parse("2026-03-11T10:00+08:00").toInstant();
        new DeductionSweepExample(engine, now).run(out);
    }
}
