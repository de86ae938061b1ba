package dev.payafter.spring;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleSetInfo;
import dev.payafter.live.EngineHealth;
import dev.payafter.live.ReloadResult;
import dev.payafter.live.RuleSetListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The engine's health ({@code /actuator/health/payAfter}): the serving rule set (version, label, source, loaded at,
 * profile), the last reload or rollback (status, candidate version, its first problems) and the time-budget
 * workers.
 *
 * <p><b>UP after a rejected reload.</b> A rejected reload leaves the old, checked rules serving: every decision is
 * still right. DOWN would be wrong and harmful: a load balancer would take a working instance out and an
 * orchestrator restart it, and a restart loads the same broken files and fails to start at all. So the status
 * stays UP and the details say {@code lastReload: REJECTED} with the problems, for an alert on that detail (or on
 * the metric {@code payafter.rules.reloads{result=REJECTED}}). The status is DOWN only when the engine cannot
 * decide: every time-budget worker is stuck, so that every decision fails closed at once.
 */
public class PayAfterHealthIndicator extends AbstractHealthIndicator implements RuleSetListener {
    private static final int PROBLEMS_SHOWN = 10;

    private final ObjectProvider<PayAfterEngine> engine;
    private volatile ReloadResult lastReload;

    public PayAfterHealthIndicator(ObjectProvider<PayAfterEngine> engine) {
        super("payafter health check failed");
        this.engine = engine;
    }

    @Override
    public void onReload(ReloadResult result) {
        lastReload = result;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PayAfterEngine serving = engine.getObject();
        RuleSetInfo rules = serving.ruleSet();
        EngineHealth workers = serving.health();
        builder.status(workers.allWorkersStuck() ? "DOWN" : "UP");
        builder.withDetail("ruleSetVersion", rules.version())
                .withDetail("label", rules.label())
                .withDetail("source", rules.source())
                .withDetail("loadedAt", rules.loadedAt().toString())
                .withDetail("profile", serving.profile());
        ReloadResult last = lastReload;
        if (last != null) {
            Map<String, Object> reload = new LinkedHashMap<>();
            reload.put("status", last.status().name());
            reload.put("candidateVersion", last.candidateVersion());
            List<String> problems = last.problems();
            reload.put("problems", problems.size() <= PROBLEMS_SHOWN ? problems
                    : problems.subList(0, PROBLEMS_SHOWN));
            if (problems.size() > PROBLEMS_SHOWN) {
                reload.put("moreProblems", problems.size() - PROBLEMS_SHOWN);
            }
            builder.withDetail("lastReload", reload);
        }
        if (workers.workers() > 0) {
            builder.withDetail("workers", workers.workers()).withDetail("stuckWorkers", workers.stuckWorkers());
        }
    }
}
