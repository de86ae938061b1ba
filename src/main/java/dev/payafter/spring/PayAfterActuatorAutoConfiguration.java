package dev.payafter.spring;

import dev.payafter.PayAfterEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The health contributor {@code payAfter} and the rule-set endpoint, when Actuator is on the class path. */
@AutoConfiguration(after = PayAfterAutoConfiguration.class)
@ConditionalOnClass({PayAfterEngine.class, HealthIndicator.class})
public class PayAfterActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnEnabledHealthIndicator("payafter")
    public PayAfterHealthIndicator payAfterHealthIndicator(ObjectProvider<PayAfterEngine> engine) {
        return new PayAfterHealthIndicator(engine);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public PayAfterRulesEndpoint payAfterRulesEndpoint(PayAfterEngine engine) {
        return new PayAfterRulesEndpoint(engine);
    }
}
