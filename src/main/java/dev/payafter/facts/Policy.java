package dev.payafter.facts;

import java.time.LocalDate;

/**
 * What every policy fact has: the profile it is for and the day of the decision (the engine clock's date in the
 * clock's time zone, as {@code yyyy-MM-dd}). Decision-table rows and DRL rules compare {@code day} with ISO
 * dates to take effect on a date and to expire on one, so "the threshold becomes 600 on the 1st" is a row added
 * in advance: {@code day >= "2026-04-01"} (effective from) and {@code day < "2026-05-01"} (expires on). ISO
 * dates compare correctly as text; the loader refuses a date that is not {@code yyyy-MM-dd}.
 */
public abstract class Policy {
    private final String profile;
    private final String day;

    protected Policy(String profile, LocalDate date) {
        this.profile = profile;
        this.day = date.toString();
    }

    public String getProfile() {
        return profile;
    }

    /** The decision's day, {@code yyyy-MM-dd}, in the engine clock's time zone. */
    public String getDay() {
        return day;
    }
}
