package dev.vigil.testing;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code switchable} component, scheduled like any real one.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableCheckConfiguration {

	@Bean
	SwitchableCheck switchableCheck() {
		return new SwitchableCheck();
	}

	@Bean
	BackgroundHealthIndicator switchableHealthIndicator(HealthCheckScheduler scheduler, SwitchableCheck check) {
		return scheduler.schedule("switchable", check);
	}

}
