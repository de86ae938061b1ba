package dev.payafter.spring;

import dev.payafter.PayAfterEngine;
import dev.payafter.micrometer.PayAfterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link PayAfterMetrics} on the application's {@link MeterRegistry}, when there is one: the engine gets it as a
 * listener, and its gauges are bound to the engine once every singleton exists.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({PayAfterEngine.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class PayAfterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PayAfterMetrics payAfterMetrics(MeterRegistry registry) {
        return new PayAfterMetrics(registry);
    }

    @Bean
    SmartInitializingSingleton payAfterMetricsGauges(PayAfterMetrics metrics, ObjectProvider<PayAfterEngine> engine) {
        return () -> engine.ifAvailable(metrics::bindTo);
    }
}
