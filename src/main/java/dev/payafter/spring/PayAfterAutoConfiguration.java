package dev.payafter.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.PayAfterEngine;
import dev.payafter.jackson.PayAfterModule;
import dev.payafter.live.DecisionListener;
import dev.payafter.live.JsonLinesAuditSink;
import dev.payafter.live.RuleSetListener;
import dev.payafter.live.Slf4jAuditSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link PayAfterEngine} bean from the {@code payafter.*} properties, closed when the context closes; a host's
 * own {@code PayAfterEngine} bean replaces it. Every {@link DecisionListener} and {@link RuleSetListener} bean of
 * the context (the metrics, the health contributor, the host's own) is told of the engine's decisions and reloads;
 * {@link PayAfterEngineCustomizer} beans get the builder last.
 */
@AutoConfiguration
@ConditionalOnClass(PayAfterEngine.class)
@EnableConfigurationProperties(PayAfterProperties.class)
public class PayAfterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PayAfterEngine payAfterEngine(PayAfterProperties properties,
            ObjectProvider<DecisionListener> decisionListeners, ObjectProvider<RuleSetListener> reloadListeners,
            ObjectProvider<PayAfterEngineCustomizer> customizers) {
        PayAfterEngine.Builder builder = PayAfterEngine.builder();
        if (properties.getProfile() == null || properties.getProfile().isBlank()) {
            throw new IllegalStateException("payafter.profile is required (a profile of the rule set, for example"
                    + " kuaishou)");
        }
        builder.profile(properties.getProfile().strip());
        if (properties.bundled()) {
            builder.bundledRules();
        } else {
            builder.rules(Path.of(properties.getRules().strip()));
            if (properties.isWatch()) {
                builder.watchRules(properties.getWatchDebounce());
            }
            if (properties.isRequireScenarioTables()) {
                builder.requireScenarioTablesToPass();
            }
        }
        if (properties.bundled() && (properties.isWatch() || properties.isRequireScenarioTables())) {
            throw new IllegalStateException("payafter.watch and payafter.require-scenario-tables need"
                    + " payafter.rules to be a directory, not the bundled rules");
        }
        builder.clock(Clock.system(ZoneId.of(properties.getClockZone())));
        if (properties.getLabel() != null && !properties.getLabel().isEmpty()) {
            builder.label(properties.getLabel());
        }
        if (properties.getKeepVersions() > 0) {
            builder.keepVersions(properties.getKeepVersions());
        }
        if (properties.getTimeBudget() != null) {
            builder.timeBudget(properties.getTimeBudget());
        }
        decisionListeners.orderedStream().forEach(builder::onDecision);
        reloadListeners.orderedStream().forEach(builder::onReload);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** {@code payafter.audit.file}: the JSON Lines audit file. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "payafter.audit", name = "file")
    @ConditionalOnMissingBean
    public JsonLinesAuditSink payAfterAuditFile(PayAfterProperties properties) {
        PayAfterProperties.Audit audit = properties.getAudit();
        return new JsonLinesAuditSink(Path.of(audit.getFile()), audit.getMaxSize().toBytes(), audit.getMaxFiles());
    }

    /** {@code payafter.audit.log=true}: the audit line through the slf4j logger {@code payafter.audit}. */
    @Bean
    @ConditionalOnProperty(prefix = "payafter.audit", name = "log", havingValue = "true")
    @ConditionalOnMissingBean
    public Slf4jAuditSink payAfterAuditLog() {
        return new Slf4jAuditSink();
    }

    /** Requests and decisions in the audit log's JSON shape for the application's {@code ObjectMapper}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObjectMapper.class)
    static class Jackson {
        @Bean
        @ConditionalOnMissingBean
        PayAfterModule payAfterJacksonModule() {
            return new PayAfterModule();
        }
    }
}
