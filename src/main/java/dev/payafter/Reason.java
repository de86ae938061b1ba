package dev.payafter;

import java.util.Objects;

/**
 * Why a decision came out as it did: one finding of one rule.
 *
 * @param code a stable code for programs (for example {@code SCORE_BELOW_MINIMUM}); the list of codes the
 *     bundled rules use is in {@code rules/README.md}
 * @param message a readable sentence with the values that mattered, for people
 * @param rule the name of the rule or decision-table row that found it
 */
public record Reason(String code, String message, String rule) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return code + ": " + message + " [" + rule + "]";
    }
}
