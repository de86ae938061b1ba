package dev.payafter.live;

/**
 * Told of every reload and rollback, swapped or rejected, on the thread that ran it. An exception it throws is
 * logged and otherwise ignored: it never stops a swap nor undoes one.
 */
@FunctionalInterface
public interface RuleSetListener {
    void onReload(ReloadResult result);
}
