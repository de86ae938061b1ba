package dev.payafter.live;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a challenger has done so far.
 *
 * @param mode shadow or split
 * @param challengerVersion the challenger rule set's version
 * @param splitPercent in split mode, the share of consumers the challenger serves (0 to 100)
 * @param compared per decision kind, how many requests both rule sets decided (shadow mode)
 * @param agreed per decision kind, how many of those they decided alike
 * @param servedByChallenger per decision kind, how many requests the challenger served (split mode)
 * @param disagreements the most recent disagreeing requests (at most the number the host kept), oldest first
 */
public record ChallengerReport(ChallengerMode mode, String challengerVersion, int splitPercent,
        Map<DecisionKind, Long> compared, Map<DecisionKind, Long> agreed, Map<DecisionKind, Long> servedByChallenger,
        List<Disagreement> disagreements) {

    public ChallengerReport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(challengerVersion, "challengerVersion");
        compared = Map.copyOf(compared);
        agreed = Map.copyOf(agreed);
        servedByChallenger = Map.copyOf(servedByChallenger);
        disagreements = List.copyOf(disagreements);
    }

    /** Disagreeing decisions of one kind so far (compared minus agreed). */
    public long disagreed(DecisionKind kind) {
        return compared.getOrDefault(kind, 0L) - agreed.getOrDefault(kind, 0L);
    }
}
