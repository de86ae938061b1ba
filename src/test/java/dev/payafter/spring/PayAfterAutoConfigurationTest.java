package dev.payafter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import dev.payafter.jackson.PayAfterModule;
import dev.payafter.live.JsonLinesAuditSink;
import dev.payafter.micrometer.PayAfterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration, context by context: properties, one engine, overrides, optional parts. */
class PayAfterAutoConfigurationTest {
    @TempDir
    Path temp;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PayAfterAutoConfiguration.class,
                    PayAfterMetricsAutoConfiguration.class, PayAfterActuatorAutoConfiguration.class,
                    JacksonAutoConfiguration.class, EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

    @Test
    void oneEngineFromTheProperties() {
        runner.withPropertyValues("payafter.profile=tmall", "payafter.clock-zone=Asia/Shanghai",
                "payafter.label=RELEASE-42").run(context -> {
                    assertThat(context).hasSingleBean(PayAfterEngine.class);
                    PayAfterEngine engine = context.getBean(PayAfterEngine.class);
                    assertThat(engine.profile()).isEqualTo("tmall");
                    assertThat(engine.clock().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
                    assertThat(engine.ruleSet().label()).isEqualTo("RELEASE-42");
                    assertThat(engine.ruleSet().source()).isEqualTo("bundled");
                    assertThat(engine.decide(Requests.zhima(700, "20")).outcome()).isNotNull();
                    assertThat(context).doesNotHaveBean(PayAfterMetrics.class); // no MeterRegistry
                    assertThat(context).hasSingleBean(PayAfterModule.class);
                    assertThat(context.getBean(ObjectMapper.class).writeValueAsString(Requests.zhima(700, "20")))
                            .contains("\"amount\":\"20.00\"");
                });
    }

    @Test
    void aDirectoryWithKeptVersionsWatchAndTheScenarioGate() {
        Path rules = TestRules.copyOfBundled(temp);
        runner.withPropertyValues("payafter.profile=kuaishou", "payafter.rules=" + rules,
                "payafter.keep-versions=2", "payafter.require-scenario-tables=true", "payafter.watch=true",
                "payafter.time-budget=2s").run(context -> {
                    PayAfterEngine engine = context.getBean(PayAfterEngine.class);
                    assertThat(engine.ruleSet().source()).isEqualTo(rules.toString());
                    assertThat(engine.health().workers()).isPositive();
                    TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv",
                            "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
                    // the scenario gate rejects the edit (kuaishou's own scenarios expect 550)
                    assertThat(engine.reload().status().name()).isEqualTo("REJECTED");
                    Health health = context.getBean(PayAfterHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("ruleSetVersion", engine.ruleSet().version());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> last = (Map<String, Object>) health.getDetails().get("lastReload");
                    assertThat(last).containsEntry("status", "REJECTED");
                    assertThat((java.util.List<?>) last.get("problems")).isNotEmpty();
                });
    }

    @Test
    void theEngineIsClosedWithTheContext() {
        runner.withPropertyValues("payafter.profile=kuaishou").run(context -> assertThat(context.getBeanFactory()
                .getBeanDefinition("payAfterEngine").getDestroyMethodName()).isEqualTo("close"));
    }

    @Test
    void aHostsOwnEngineWins() {
        try (PayAfterEngine own = PayAfterEngine.builder().profile("jd").build()) {
            runner.withPropertyValues("payafter.profile=kuaishou")
                    .withBean(PayAfterEngine.class, () -> own, b -> b.setDestroyMethodName(""))
                    .run(context -> assertThat(context.getBean(PayAfterEngine.class)).isSameAs(own));
        }
    }

    @Test
    void withoutAProfileTheContextFailsWithTheProperty() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("payafter.profile is required"));
    }

    @Test
    void metricsWhenAMeterRegistryExists() {
        runner.withPropertyValues("payafter.profile=kuaishou")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context).hasSingleBean(PayAfterMetrics.class);
                    context.getBean(PayAfterEngine.class).decide(Requests.zhima(549, "20"));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(PayAfterMetrics.DECISIONS).tags("outcome", "INELIGIBLE").timer().count())
                            .isEqualTo(1);
                    assertThat(registry.get(PayAfterMetrics.STUCK_WORKERS).gauge()).isNotNull();
                });
    }

    @Test
    void anAuditFileAndTheSlf4jSink() {
        Path audit = temp.resolve("logs/decisions.jsonl");
        runner.withPropertyValues("payafter.profile=kuaishou", "payafter.audit.file=" + audit,
                "payafter.audit.log=true").run(context -> {
                    assertThat(context).hasSingleBean(JsonLinesAuditSink.class);
                    assertThat(context).hasSingleBean(dev.payafter.live.Slf4jAuditSink.class);
                    context.getBean(PayAfterEngine.class).decide(Requests.zhima(700, "20"));
                });
        assertThat(audit).exists();
        assertThat(readLines(audit)).hasSize(1);
    }

    @Test
    void theEndpointIsOffUnlessTheHostTurnsItOn() {
        runner.withPropertyValues("payafter.profile=kuaishou")
                .run(context -> assertThat(context).doesNotHaveBean(PayAfterRulesEndpoint.class));
        runner.withPropertyValues("payafter.profile=kuaishou", "management.endpoint.payafterrules.access=UNRESTRICTED",
                "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=payafterrules").run(context -> {
                    PayAfterRulesEndpoint endpoint = context.getBean(PayAfterRulesEndpoint.class);
                    assertThat(endpoint.ruleSet()).containsKeys("version", "files", "profiles", "previousVersions");
                    assertThat(endpoint.change("reload", null)).containsEntry("status", "UNCHANGED");
                });
    }

    @Test
    void withoutJacksonOrMicrometerOrActuatorTheEngineStillComes() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PayAfterAutoConfiguration.class,
                        PayAfterMetricsAutoConfiguration.class, PayAfterActuatorAutoConfiguration.class))
                .withPropertyValues("payafter.profile=kuaishou")
                .withClassLoader(new FilteredClassLoader("com.fasterxml.jackson", "io.micrometer",
                        "org.springframework.boot.actuate"))
                .run(context -> {
                    assertThat(context).hasSingleBean(PayAfterEngine.class);
                    assertThat(context).doesNotHaveBean(PayAfterModule.class);
                    assertThat(context).doesNotHaveBean(PayAfterHealthIndicator.class);
                });
    }

    private static java.util.List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
