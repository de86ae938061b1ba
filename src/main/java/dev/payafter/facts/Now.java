package dev.payafter.facts;

import java.time.Duration;
import java.time.Instant;
import org.kie.api.definition.type.ClassReactive;

/**
 * The engine clock's "now" for one decision. Rules never read the wall clock; they compare against this.
 * A day is 24 hours: "10 days after delivery" is the instant {@code deliveredAt + 240h}, the same in every
 * time zone.
 *
 * @param instant now
 *
 * <p>Class-reactive: it never changes within a decision, so rules may test it with values bound elsewhere.
 */
@ClassReactive
public record Now(Instant instant) {

    /** The instant {@code days} days after {@code from}. */
    public Instant daysAfter(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }

    /** Whether {@code days} days after {@code from} have passed (the boundary instant itself counts as reached). */
    public boolean reached(Instant from, int days) {
        return !instant.isBefore(daysAfter(from, days));
    }

    /**
     * Whether the reminder {@code daysBefore} days before a charge due {@code days} days after {@code from} is due:
     * {@code false} when {@code daysBefore} is {@code null} (no reminder).
     */
    public boolean reminding(Instant from, int days, Integer daysBefore) {
        return daysBefore != null && reached(from, days - daysBefore);
    }

    /**
     * When to ask again while waiting for a charge due {@code days} days after {@code from}: the reminder
     * {@code daysBefore} days before it, or the charge itself when {@code daysBefore} is {@code null}.
     */
    public Instant reminderOrDue(Instant from, int days, Integer daysBefore) {
        return daysAfter(from, daysBefore == null ? days : days - daysBefore);
    }
}
