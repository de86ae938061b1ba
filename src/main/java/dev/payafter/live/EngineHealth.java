package dev.payafter.live;

import java.util.Map;

/**
 * How the engine's time-budget workers stand (see {@code PayAfterEngine.Builder#timeBudget}): the figures a health
 * check or a metrics gauge wants. Java cannot stop a thread that spins in a rule (there is no {@code Thread.stop}
 * any more), so a decision that runs past its budget fails closed at once but keeps its worker until the rule ends
 * by itself; such a worker is <em>stuck</em>. The workers are a fixed number: when every one is stuck, decisions
 * fail closed at once ({@code RULE_TIME_BUDGET}, "no worker free") without a new thread being made.
 *
 * @param workers how many workers decide under the budget; 0 when the engine has no time budget
 * @param stuckWorkers how many of them are held by a decision that ran past its budget and has not ended
 * @param stuckByVersion the stuck workers by the rule-set version whose rules hold them (versions with none are
 *     left out)
 * @param overBudget how many decisions ran past their budget since the engine was built (each failed closed)
 * @param refusedNoWorker how many decisions failed closed at once because every worker was stuck
 */
public record EngineHealth(int workers, int stuckWorkers, Map<String, Integer> stuckByVersion, long overBudget,
        long refusedNoWorker) {

    public EngineHealth {
        stuckByVersion = Map.copyOf(stuckByVersion);
    }

    /** Whether every worker is stuck, so that every decision under the budget now fails closed at once. */
    public boolean allWorkersStuck() {
        return workers > 0 && stuckWorkers >= workers;
    }
}
