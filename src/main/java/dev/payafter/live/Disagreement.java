package dev.payafter.live;

import java.util.Objects;

/**
 * One request on which the champion and the challenger decided differently (outcome, reasons, amounts, times,
 * actions: everything but the trace).
 *
 * @param kind which decision
 * @param request the request
 * @param champion the served rule set's decision
 * @param challenger the challenger's decision
 */
public record Disagreement(DecisionKind kind, Record request, Record champion, Record challenger) {

    public Disagreement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
    }
}
