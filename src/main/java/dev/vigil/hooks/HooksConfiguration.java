package dev.vigil.hooks;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.support.SecretRedactor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Post-change hooks: the runner, what triggers it, and the {@code hooks} component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HooksProperties.class)
class HooksConfiguration {

	@Bean
	HooksHealthCheck hooksHealthCheck(HooksProperties properties) {
		return new HooksHealthCheck(properties);
	}

	@Bean
	BackgroundHealthIndicator hooksHealthIndicator(HealthCheckScheduler scheduler, HooksHealthCheck status) {
		return scheduler.schedule(HooksHealthDetails.COMPONENT, status);
	}

	@Bean
	HookRunner hookRunner(HooksProperties properties, HooksHealthCheck status, MeterRegistry meters,
			SecretRedactor redactor, ObservationRegistry observations) {
		return new HookRunner(properties, status, meters, redactor, observations, Clock.systemUTC());
	}

	@Bean
	HostsFileHookTrigger hostsFileHookTrigger(HookRunner runner) {
		return new HostsFileHookTrigger(runner);
	}

}
