package dev.payafter.live;

/** How a challenger rule set runs beside the served (champion) one. */
public enum ChallengerMode {
    /** The champion serves every request; the challenger decides it too, and only its agreement is recorded. */
    SHADOW,
    /** A fixed share of consumers (by a hash of their id, the same on every run) is served by the challenger. */
    SPLIT
}
