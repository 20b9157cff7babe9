package dev.vigil.lifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shutdown coordinator, draining every {@link Drainable} bean in their order.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleProperties.class)
class LifecycleConfiguration {

	@Bean
	ShutdownCoordinator shutdownCoordinator(LifecycleProperties properties, ObjectProvider<Drainable> drainables) {
		return new ShutdownCoordinator(properties, () -> drainables.orderedStream().toList());
	}

}
