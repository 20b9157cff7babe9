package dev.vigil.hosts.file;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.hosts.HostsHealthComponents;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.hosts.registry.HostsRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * The rendered hosts file: its renderer, rendering after every change the feed moves to, and its
 * {@code hostsFile} component.
 */
@Configuration(proxyBeanMethods = false)
class HostsFileConfiguration {

	@Bean
	HostsFileHealthCheck hostsFileHealthCheck(HostsProperties properties, ChangeFeed feed) {
		return new HostsFileHealthCheck(properties.file().path(), feed, Clock.systemUTC());
	}

	@Bean
	BackgroundHealthIndicator hostsFileHealthIndicator(HealthCheckScheduler scheduler, HostsFileHealthCheck status) {
		return scheduler.schedule(HostsHealthComponents.HOSTS_FILE, status);
	}

	@Bean
	HostsFileRenderer hostsFileRenderer(HostsRegistry registry, ChangeFeed feed, HostsProperties properties,
			HostsFileHealthCheck status, TaskScheduler taskScheduler, ApplicationEventPublisher events,
			MeterRegistry meters, ObservationRegistry observations) {
		HostsFileRenderer renderer = new HostsFileRenderer(registry, properties.file(), properties.pageSize(), status,
				taskScheduler, events, meters, observations, Clock.systemUTC());
		feed.subscribe(renderer::requestRender);
		return renderer;
	}

}
