package dev.vigil.hosts.rpc;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.hosts.HostsHealthComponents;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.hosts.formats.HostsImporter;
import dev.vigil.hosts.history.HostHistory;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.hosts.snapshots.Snapshots;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * {@code router_hosts.v1.HostsService} and {@code vigil.v1.HostHistory} as the hosts component
 * answers them, and the WatchHosts
 * consumers it hears from, judged by the {@code sinks} component.
 */
@Configuration(proxyBeanMethods = false)
class HostsRpcConfiguration {

	@Bean
	HostHistoryGrpcService hostHistoryGrpcService(HostHistory history) {
		return new HostHistoryGrpcService(history);
	}

	@Bean
	SinkRegistry sinkRegistry(ChangeFeed feed, HostsProperties properties, MeterRegistry meters) {
		return new SinkRegistry(feed, properties.sinks(), meters, Clock.systemUTC());
	}

	@Bean
	BackgroundHealthIndicator sinksHealthIndicator(HealthCheckScheduler scheduler, SinkRegistry sinks, ChangeFeed feed) {
		return scheduler.schedule(HostsHealthComponents.SINKS, new SinksHealthCheck(sinks, feed));
	}

	@Bean
	FollowerThread followerThread(TaskScheduler taskScheduler) {
		return new FollowerThread(taskScheduler);
	}

	@Bean
	HostsGrpcService hostsGrpcService(HostsRegistry registry, HostWrites writes, HostsImporter importer, Snapshots snapshots,
			HostHistory history, HostsProperties properties, ChangeFeed feed, SinkRegistry sinks, FollowerThread followerThread,
			MeterRegistry meters, ObservationRegistry observations) {
		HostsProperties.Changes changes = properties.changes();
		return new HostsGrpcService(registry, writes, importer, snapshots, history, properties,
				new WatchHostsMethod(new SharedSnapshots(registry, properties.pageSize(), changes.followerSharedSnapshots(), meters,
						observations),
						registry, properties.pageSize(), feed, sinks, followerThread, changes.followerCoalesceDelay(),
						Clock.systemUTC(), observations));
	}

}
