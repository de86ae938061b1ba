package dev.payafter;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.internal.BundledModel;
import dev.payafter.internal.CompiledRules;
import dev.payafter.internal.Deciders;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleSource;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The entry point: makes pay-after-use decisions (eligibility, fast refund, deduction) with a compiled rule set
 * under one platform profile.
 *
 * <pre>{@code
 * PayAfterEngine engine = PayAfterEngine.builder()
 *         .profile("kuaishou")          // one of the rule set's profiles.csv
 *         .build();                     // the bundled rules; or .rules(Path.of("rules"))
 * EligibilityDecision d = engine.decide(eligibilityRequest);
 * }</pre>
 *
 * <p>An engine is immutable and thread-safe: build one and share it across the whole host application.
 * {@link #withProfile} and {@link #withClock} give views that share the compiled rules at no cost.
 */
public final class PayAfterEngine {
    /** How many rule firings one decision may take before it fails closed (a guard against looping rules). */
    public static final int DEFAULT_FIRE_LIMIT = 10_000;

    private final CompiledRules rules;
    private final String profile;
    private final Clock clock;
    private final int fireLimit;

    private PayAfterEngine(CompiledRules rules, String profile, Clock clock, int fireLimit) {
        this.rules = rules;
        this.profile = profile;
        this.clock = clock;
        this.fireLimit = fireLimit;
    }

    /** Starts building an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * May this consumer pay after use for this order? Requests check their own invariants when constructed, so
     * this never refuses one; rule faults become a fail-closed {@code INELIGIBLE} decision, never an exception.
     */
    public EligibilityDecision decide(EligibilityRequest request) {
        Objects.requireNonNull(request, "request");
        return Deciders.eligibility(rules, profile, fireLimit, request);
    }

    /** Does this refund-only request pass automatically? Rule faults become a fail-closed {@code MANUAL_REVIEW}. */
    public RefundDecision decide(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        return Deciders.refund(rules, profile, fireLimit, request);
    }

    /**
     * What should happen with this order's payment at the clock's now?
     *
     * @throws InvalidRequestException if a time in the request is after the clock's now
     */
    public DeductionDecision decide(DeductionRequest request) {
        Objects.requireNonNull(request, "request");
        return Deciders.deduction(rules, profile, fireLimit, request, clock.instant());
    }

    /** The profile this engine decides under. */
    public String profile() {
        return profile;
    }

    /** The clock that gives deductions their "now". */
    public Clock clock() {
        return clock;
    }

    /** What the engine's rule set was built from: source, version, files, profiles. */
    public RuleSetInfo ruleSet() {
        return rules.info();
    }

    /**
     * The same compiled rules under another profile of the rule set.
     *
     * @throws PayAfterException if the rule set has no such profile
     */
    public PayAfterEngine withProfile(String otherProfile) {
        return new PayAfterEngine(rules, checkedProfile(rules, otherProfile), clock, fireLimit);
    }

    /** The same compiled rules and profile with another clock (for replays, tests, batch sweeps). */
    public PayAfterEngine withClock(Clock otherClock) {
        return new PayAfterEngine(rules, profile, Objects.requireNonNull(otherClock, "clock"), fireLimit);
    }

    private static String checkedProfile(CompiledRules rules, String profile) {
        Objects.requireNonNull(profile, "profile");
        if (!rules.profiles().containsKey(profile)) {
            throw new PayAfterException("unknown profile \"" + profile + "\"; rule set " + rules.info().source()
                    + " defines " + rules.info().profiles());
        }
        return profile;
    }

    /** Builds a {@link PayAfterEngine}; every setter checks its argument at once. */
    public static final class Builder {
        private Path rulesDirectory;
        private String profile;
        private Clock clock = Clock.systemUTC();
        private int fireLimit = DEFAULT_FIRE_LIMIT;

        private Builder() {
        }

        /** Loads the rules from a directory (the analysts' {@code rules/}) instead of the bundled rules. */
        public Builder rules(Path directory) {
            this.rulesDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Uses the rules bundled in this library's jar (the default). */
        public Builder bundledRules() {
            this.rulesDirectory = null;
            return this;
        }

        /** The platform profile to decide under, for example {@code kuaishou}; required. */
        public Builder profile(String value) {
            Objects.requireNonNull(value, "profile");
            if (value.isBlank()) {
                throw new IllegalArgumentException("profile must not be blank");
            }
            this.profile = value;
            return this;
        }

        /** The clock that gives deductions their "now"; the system UTC clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The most rule firings one decision may take before it fails closed; 10,000 by default. */
        public Builder fireLimit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("fireLimit must be 1 or more: " + value);
            }
            this.fireLimit = value;
            return this;
        }


        /**
         * Compiles the rules and builds the engine.
         *
         * @throws RuleCompilationException with every problem, if the rules do not compile
         * @throws PayAfterException if no profile was chosen or the rule set does not define it
         */
        public PayAfterEngine build() {
            if (profile == null) {
                throw new PayAfterException("choose a profile with .profile(...), for example \"kuaishou\"");
            }
            CompiledRules compiled = rulesDirectory == null ? BundledModel.compiledRules()
                    : RuleCompiler.compile(RuleSource.fromDirectory(rulesDirectory));
            return new PayAfterEngine(compiled, checkedProfile(compiled, profile), clock, fireLimit);
        }
    }
}
