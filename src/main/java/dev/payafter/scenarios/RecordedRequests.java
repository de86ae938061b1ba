package dev.payafter.scenarios;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.Reason;
import dev.payafter.internal.Checks;
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
     * A record read and checked without an engine: its kind, profile and the request it describes. Build one with
     * {@link #parse}; decide it with {@link #decide(PayAfterEngine, Parsed)}.
     */
    public static final class Parsed {
        private final ScenarioKind kind;
        private final String profile;
        private final Row row;
        private final Object request;

        private Parsed(ScenarioKind kind, String profile, Row row, Object request) {
            this.kind = kind;
            this.profile = profile;
            this.row = row;
            this.request = request;
        }

        /** The decision kind: {@code eligibility}, {@code refund} or {@code deduction}. */
        public String kind() {
            return kind.folder();
        }

        /** The profile the record asks to be decided under (not yet checked against a rule set). */
        public String profile() {
            return profile;
        }

        /** The request: an {@code EligibilityRequest}, {@code RefundRequest} or {@code DeductionRequest}. */
        public Object request() {
            return request;
        }
    }

    /**
     * Reads a record and builds its request, without an engine and so without compiling any rule: the kind, the
     * profile's presence, every field's name (unknown names are refused, blank or not; another kind's field may
     * only be blank) and value, and every invariant of the request. A value is bounded before it is parsed, and
     * every message shows it bounded.
     *
     * @param fields the record's fields; blank values mean "not given" (the column's default)
     * @param fieldLines the line of each field, where it differs from {@code line} (a JSON object over lines)
     * @param file where the record came from, for messages
     * @param line its line (or record number), for messages
     * @throws ScenarioTableException if the record is not readable or its request is invalid; the message is
     *     {@code file:line: field: value problem}
     */
    public static Parsed parse(Map<String, String> fields, Map<String, Integer> fieldLines, Path file, int line) {
        String where = Checks.escaped(String.valueOf(file)) + ":" + line;
        String kindName = strip(fields.get("kind"));
        ScenarioKind kind = ScenarioKind.ofFolder(kindName.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new ScenarioTableException(
                at(where, file, fieldLines, "kind") + ": field kind: \"" + Checks.shown(kindName)
                        + "\" is not one of eligibility, refund, deduction"));
        String profile = strip(fields.get("profile"));
        if (profile.isEmpty()) {
            throw new ScenarioTableException(at(where, file, fieldLines, "profile") + ": field profile is required");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            String at = at(where, file, fieldLines, name);
            if (name.equals("order_kind")) {
                if (kind != ScenarioKind.DEDUCTION && !strip(field.getValue()).isEmpty()) {
                    throw new ScenarioTableException(at + ": field order_kind is for deduction only");
                }
                cells.put("kind", field.getValue());
                putLine(lines, fieldLines, "order_kind", "kind");
            } else if (!COMMON.contains(name)) {
                if (!known(name)) {
                    throw new ScenarioTableException(at + ": field \"" + Checks.shown(name) + "\" is not a field of"
                            + " any recorded request (see rules/README.md)");
                }
                if (!kind.requestColumns().contains(name)) {
                    if (strip(field.getValue()).isEmpty()) {
                        continue; // a CSV file of several kinds has every kind's columns
                    }
                    throw new ScenarioTableException(at + ": field " + name + " is not a " + kindName
                            + " field (see rules/README.md)");
                }
                cells.put(name, field.getValue());
                putLine(lines, fieldLines, name, name);
            }
        }
        Row row = new Row(file, line, cells, lines);
        try {
            return new Parsed(kind, profile, row, kind.request(row));
        } catch (InvalidRequestException e) {
            String column = kind.columnOf(e.field());
            throw new ScenarioTableException((column == null ? where : row.where(column)) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A decision line's request (rules/README.md, "Requests and decisions as JSON"), already built from its JSON:
     * its kind and profile are checked as {@link #parse} checks them, and a deduction's times must not be after
     * {@code now}, its {@code decidedAt}.
     *
     * @param kindName {@code eligibility}, {@code refund} or {@code deduction}, any case
     * @param request an {@code EligibilityRequest}, {@code RefundRequest} or {@code DeductionRequest} of that kind
     * @param now a deduction's now as ISO-8601 text (required for a deduction), or null
     * @throws ScenarioTableException naming the file, the line, the field and the value
     */
    public static Parsed recorded(String kindName, String profile, Object request, String now, Path file,
            int line) {
        String where = Checks.escaped(String.valueOf(file)) + ":" + line;
        String lower = strip(kindName).toLowerCase(java.util.Locale.ROOT);
        ScenarioKind kind = ScenarioKind.ofFolder(lower).orElseThrow(() -> new ScenarioTableException(where
                + ": field kind: \"" + Checks.shown(kindName) + "\" is not one of ELIGIBILITY, REFUND, DEDUCTION"));
        Class<?> expected = switch (kind) {
            case ELIGIBILITY -> dev.payafter.eligibility.EligibilityRequest.class;
            case REFUND -> dev.payafter.refund.RefundRequest.class;
            case DEDUCTION -> dev.payafter.deduction.DeductionRequest.class;
        };
        if (!expected.isInstance(request)) {
            throw new ScenarioTableException(where + ": request is not a " + expected.getSimpleName());
        }
        if (strip(profile).isEmpty()) {
            throw new ScenarioTableException(where + ": field profile is required");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        if (kind == ScenarioKind.DEDUCTION) {
            if (now == null || now.isBlank()) {
                throw new ScenarioTableException(where + ": field decidedAt is required for a deduction (its now)");
            }
            cells.put("now", now);
        }
        Row row = new Row(file, line, cells);
        if (kind == ScenarioKind.DEDUCTION) {
            java.time.Instant at = row.instant("now");
            if (at.isBefore(Checks.EARLIEST) || at.isAfter(Checks.LATEST)) {
                throw new ScenarioTableException(where + ": field decidedAt: \"" + Checks.shown(now)
                        + "\" is outside " + Checks.EARLIEST + " .. " + Checks.LATEST);
            }
            dev.payafter.deduction.DeductionRequest deduction = (dev.payafter.deduction.DeductionRequest) request;
            java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
            times.add(deduction.orderedAt());
            times.add(deduction.shippedAt());
            times.add(deduction.deliveredAt());
            times.add(deduction.receiptConfirmedAt());
            times.addAll(deduction.failedAttempts());
            for (java.time.Instant time : times) {
                if (time != null && time.isAfter(at)) {
                    throw new ScenarioTableException(where + ": request: " + Checks.shown(time)
                            + " is after decidedAt " + at + " (the engine clock's now)");
                }
            }
        }
        return new Parsed(kind, strip(profile), row, request);
    }

    /** {@link #parse(Map, Map, Path, int)} for a record on one line. */
    public static Parsed parse(Map<String, String> fields, Path file, int line) {
        return parse(fields, Map.of(), file, line);
    }

    /**
     * Decides a parsed record with {@code engine} switched to the record's profile.
     *
     * @throws ScenarioTableException if the rule set has no such profile
     */
    public static Decision decide(PayAfterEngine engine, Parsed parsed) {
        String at = Checks.escaped(String.valueOf(parsed.row.file())) + ":" + parsed.row.line();
        if (!engine.ruleSet().profiles().contains(parsed.profile)) {
            throw new ScenarioTableException(at + ": field profile: \"" + Checks.shown(parsed.profile)
                    + "\" is not a profile of the rule set " + engine.ruleSet().profiles());
        }
        ScenarioKind.Decided decided = parsed.kind.decide(engine.withProfile(parsed.profile), parsed.row,
                parsed.request);
        return new Decision(parsed.kind(), parsed.profile, decided.outcome(), decided.reasons(), decided.details(),
                decided.firedRules(), decided.request());
    }

    /**
     * Builds the request a record describes and decides it with {@code engine} switched to the record's profile.
     * A request that breaks an invariant is decided {@code INVALID_REQUEST}; the analyst tools refuse such a record
     * before deciding anything, with {@link #parse}.
     *
     * @param fields the record's fields; blank values mean "not given" (the column's default)
     * @param file where the record came from, for messages
     * @param line its line (or record number), for messages
     * @throws ScenarioTableException if the record is not readable: no or unknown kind, unknown field, bad value
     *     (the message names the file, line, field and value)
     * @throws dev.payafter.PayAfterException if the rule set has no such profile
     */
    public static Decision decide(PayAfterEngine engine, Map<String, String> fields, Path file, int line) {
        Parsed parsed;
        try {
            parsed = parse(fields, file, line);
        } catch (ScenarioTableException e) {
            if (e.getCause() instanceof InvalidRequestException invalid) {
                return new Decision(strip(fields.get("kind")), strip(fields.get("profile")),
                        ScenarioKind.INVALID_REQUEST, List.of(new Reason(invalid.field(), invalid.getMessage(),
                        "(request)")), Map.of(), List.of(), null);
            }
            throw e;
        }
        return decide(engine, parsed);
    }

    /**
     * Whether {@code name} is a field a recorded request may have: a common one ({@link #COMMON}) or a column of
     * some decision kind's scenario table.
     */
    public static boolean isField(String name) {
        return COMMON.contains(name) || known(name);
    }

    private static boolean known(String name) {
        for (ScenarioKind kind : ScenarioKind.values()) {
            if (kind.knows(name)) {
                return true;
            }
        }
        return false;
    }

    private static String at(String where, Path file, Map<String, Integer> fieldLines, String field) {
        Integer line = fieldLines.get(field);
        return line == null ? where : Checks.escaped(String.valueOf(file)) + ":" + line;
    }

    private static void putLine(Map<String, Integer> lines, Map<String, Integer> fieldLines, String field,
            String column) {
        Integer line = fieldLines.get(field);
        if (line != null) {
            lines.put(column, line);
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
