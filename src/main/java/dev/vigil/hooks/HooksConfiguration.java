package dev.vigil.hooks;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.health.SecretRedactor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Post-change hooks: the runner, what triggers it, and the {@code hooks} component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HooksProperties.class)
class HooksConfiguration {

	private static final String HOOKS = "hooks";

	@Bean
	HooksStatus hooksStatus(HooksProperties properties) {
		return new HooksStatus(properties);
	}

	@Bean
	BackgroundHealthIndicator hooksHealthIndicator(HealthCheckScheduler scheduler, HooksStatus status) {
		return scheduler.schedule(HOOKS, status);
	}

	@Bean
	HookRunner hookRunner(HooksProperties properties, HooksStatus status, MeterRegistry meters,
			SecretRedactor redactor, HealthCheckScheduler scheduler) {
		return new HookRunner(properties, status, meters, redactor, () -> scheduler.refresh(HOOKS),
				Clock.systemUTC());
	}

	@Bean
	HostsFileHookTrigger hostsFileHookTrigger(HookRunner runner) {
		return new HostsFileHookTrigger(runner);
	}

}
