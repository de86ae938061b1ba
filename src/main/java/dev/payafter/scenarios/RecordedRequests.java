package dev.payafter.scenarios;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.Reason;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides requests written as records of named fields, in the scenario tables' vocabulary (the columns of
 * {@code rules/README.md}), plus {@code kind} (the decision: {@code eligibility}, {@code refund},
 * {@code deduction}) and {@code profile}. A deduction's order kind is {@code order_kind}, since {@code kind} names
 * the decision; fields {@code id} and {@code name} are kept for people and ignored. The analyst tools read such
 * records from JSON, JSON Lines and CSV files.
 */
public final class RecordedRequests {
    /** The fields every record may have besides its decision's columns. */
    public static final Set<String> COMMON = Set.of("kind", "profile", "id", "name", "order_kind");

    private RecordedRequests() {
    }

    /**
     * What one request was decided.
     *
     * @param kind the decision kind
     * @param profile the profile it was decided under
     * @param outcome the outcome's name, or {@code INVALID_REQUEST} when the request broke an invariant
     * @param reasons the reasons (for an invalid request: one reason whose code is the field)
     * @param details the decision's other results by name: {@code credit_to_freeze}, {@code trial_days},
     *     {@code notice}, {@code actions} (sorted, joined with {@code |}), {@code charge}, {@code next_check},
     *     {@code loss_bearer}; money at scale 2, instants in UTC
     * @param firedRules the rules and table rows that fired, in order
     * @param request the request that was decided ({@code EligibilityRequest}, {@code RefundRequest} or
     *     {@code DeductionRequest}), or null when it was invalid
     */
    public record Decision(String kind, String profile, String outcome, List<Reason> reasons,
            Map<String, String> details, List<String> firedRules, Object request) {

        public Decision {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            reasons = List.copyOf(reasons);
            details = Map.copyOf(details);
            firedRules = List.copyOf(firedRules);
        }

        /** The reason codes as a sorted set. */
        public TreeSet<String> reasonCodes() {
            TreeSet<String> codes = new TreeSet<>();
            reasons.forEach(r -> codes.add(r.code()));
            return codes;
        }

        /** Whether another decision differs in outcome, reason codes or details. */
        public boolean differsFrom(Decision other) {
            return !outcome.equals(other.outcome) || !reasonCodes().equals(other.reasonCodes())
                    || !details.equals(other.details);
        }

        /** {@code INELIGIBLE [SCORE_BELOW_MINIMUM]} plus the details, for people. */
        public String summary() {
            StringBuilder out = new StringBuilder(outcome).append(' ').append(reasonCodes());
            new java.util.TreeMap<>(details).forEach((k, v) -> {
                if (!v.isEmpty() && !(k.equals("loss_bearer") && v.equals("NONE"))) {
                    out.append(' ').append(k).append('=').append(v);
                }
            });
            return out.toString();
        }
    }

    /**
     * Builds the request a record describes and decides it with {@code engine} switched to the record's profile.
     *
     * @param fields the record's fields; blank values mean "not given" (the column's default)
     * @param file where the record came from, for messages
     * @param line its line (or record number), for messages
     * @throws ScenarioTableException if the record is not readable: no or unknown kind, unknown field, bad value
     *     (the message names the file, line, field and value)
     * @throws dev.payafter.PayAfterException if the rule set has no such profile
     */
    public static Decision decide(PayAfterEngine engine, Map<String, String> fields, Path file, int line) {
        String kindName = strip(fields.get("kind"));
        ScenarioKind kind = ScenarioKind.ofFolder(kindName).orElseThrow(() -> new ScenarioTableException(file + ":"
                + line + ": field kind: \"" + kindName + "\" is not one of eligibility, refund, deduction"));
        String profile = strip(fields.get("profile"));
        if (profile.isEmpty()) {
            throw new ScenarioTableException(file + ":" + line + ": field profile is required");
        }
        if (!engine.ruleSet().profiles().contains(profile)) {
            throw new ScenarioTableException(file + ":" + line + ": field profile: \"" + profile
                    + "\" is not a profile of the rule set " + engine.ruleSet().profiles());
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.equals("order_kind")) {
                if (kind != ScenarioKind.DEDUCTION && !strip(field.getValue()).isEmpty()) {
                    throw new ScenarioTableException(file + ":" + line + ": field order_kind is for deduction only");
                }
                cells.put("kind", field.getValue());
            } else if (!COMMON.contains(name)) {
                if (!kind.requestColumns().contains(name)) {
                    if (strip(field.getValue()).isEmpty()) {
                        continue; // a CSV file of several kinds has every kind's columns
                    }
                    throw new ScenarioTableException(file + ":" + line + ": field " + name + " is not a " + kindName
                            + " field (see rules/README.md)");
                }
                cells.put(name, field.getValue());
            }
        }
        Row row = new Row(file, line, cells);
        PayAfterEngine profiled = engine.withProfile(profile);
        try {
            ScenarioKind.Decided decided = kind.decide(profiled, row);
            return new Decision(kindName, profile, decided.outcome(), decided.reasons(), decided.details(),
                    decided.firedRules(), decided.request());
        } catch (InvalidRequestException e) {
            return new Decision(kindName, profile, ScenarioKind.INVALID_REQUEST,
                    List.of(new Reason(e.field(), e.getMessage(), "(request)")), Map.of(), List.of(), null);
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
