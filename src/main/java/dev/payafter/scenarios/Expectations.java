package dev.payafter.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Collects what a scenario expected against what happened. */
final class Expectations {
    private final List<String> mismatches = new ArrayList<>();

    void same(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            mismatches.add(what + ": expected " + render(expected) + " but was " + render(actual));
        }
    }

    /** Compares as sets: order and repeats do not matter. */
    void sameSet(String what, Collection<String> expected, Collection<String> actual) {
        same(what, new TreeSet<>(expected), new TreeSet<>(actual));
    }

    List<String> mismatches() {
        return mismatches;
    }

    private static String render(Object value) {
        return value == null ? "(none)" : value.toString();
    }
}
