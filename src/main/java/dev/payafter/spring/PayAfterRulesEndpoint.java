package dev.payafter.spring;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleSetInfo;
import dev.payafter.live.ReloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * The rule-set endpoint {@code payafterrules}: read the serving rule set (version, label, source, loaded at,
 * files, profiles, the kept previous versions); write {@code reload} or {@code rollback} (with a {@code version}).
 * Off by default ({@code defaultAccess = NONE}), like any endpoint that changes what serves: a host turns it on
 * with {@code management.endpoint.payafterrules.access=unrestricted} (or {@code read-only}) and exposes it with
 * {@code management.endpoints.web.exposure.include=health,payafterrules}; then
 * {@code GET /actuator/payafterrules}, {@code POST /actuator/payafterrules/reload},
 * {@code POST /actuator/payafterrules/rollback} with {@code {"version": "..."}}. Secure it as the host secures
 * its other write endpoints.
 */
@Endpoint(id = "payafterrules", defaultAccess = Access.NONE)
public class PayAfterRulesEndpoint {
    private final PayAfterEngine engine;

    public PayAfterRulesEndpoint(PayAfterEngine engine) {
        this.engine = engine;
    }

    @ReadOperation
    public Map<String, Object> ruleSet() {
        Map<String, Object> out = info(engine.ruleSet());
        out.put("profile", engine.profile());
        out.put("previousVersions", engine.previousRuleSets().stream().map(r -> {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("version", r.version());
            previous.put("label", r.label());
            previous.put("loadedAt", r.loadedAt().toString());
            return previous;
        }).toList());
        return out;
    }

    /** {@code reload}, or {@code rollback} to {@code version}. */
    @WriteOperation
    public Map<String, Object> change(@Selector String action, @Nullable String version) {
        ReloadResult result;
        switch (action) {
            case "reload" -> result = engine.reload();
            case "rollback" -> {
                if (version == null || version.isBlank()) {
                    throw new IllegalArgumentException("rollback needs a version (one of previousVersions)");
                }
                result = engine.rollbackTo(version.strip());
            }
            default -> throw new IllegalArgumentException("action must be reload or rollback, not " + action);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", result.status().name());
        out.put("candidateVersion", result.candidateVersion());
        out.put("problems", result.problems());
        out.put("serving", info(result.serving()));
        return out;
    }

    private static Map<String, Object> info(RuleSetInfo rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", rules.version());
        out.put("label", rules.label());
        out.put("source", rules.source());
        out.put("loadedAt", rules.loadedAt().toString());
        out.put("files", List.copyOf(rules.files()));
        out.put("profiles", List.copyOf(rules.profiles()));
        return out;
    }
}
