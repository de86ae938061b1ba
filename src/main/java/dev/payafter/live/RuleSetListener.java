package dev.payafter.live;

/**
 * Told of every reload and rollback, swapped or rejected, on the thread that ran it, and of every decision whose
 * rules ran past the time budget and still hold their worker. An exception it throws is logged and otherwise
 * ignored: it never stops a swap nor undoes one.
 */
@FunctionalInterface
public interface RuleSetListener {
    /** A reload or rollback (a host's, the watcher's, or the automatic rollback of a rule set that leaves decisions stuck). */
    void onReload(ReloadResult result);

    /**
     * A decision ran past its time budget (it failed closed) and its rules still run, holding one of the engine's
     * fixed number of workers. Called on the thread that asked for the decision; nothing by default.
     */
    default void onStuckDecision(StuckDecision stuck) {
    }
}
