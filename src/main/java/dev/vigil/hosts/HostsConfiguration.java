package dev.vigil.hosts;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.health.grpc.HostsHealthService;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosts registry: storage, the rendered hosts file and its {@code hostsFile} component, and
 * {@code router_hosts.v1.HostsService} on the gRPC server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostsProperties.class)
class HostsConfiguration {

	private static final String HOSTS_FILE = "hostsFile";

	@Bean
	HostRepository hostRepository(JdbcTemplate jdbc) {
		return new HostRepository(jdbc);
	}

	@Bean
	HostsFileStatus hostsFileStatus(HostsProperties properties) {
		return new HostsFileStatus(properties.file().path());
	}

	@Bean
	BackgroundHealthIndicator hostsFileHealthIndicator(HealthCheckScheduler scheduler, HostsFileStatus status) {
		return scheduler.schedule(HOSTS_FILE, status);
	}

	@Bean
	HostsFileRenderer hostsFileRenderer(HostRepository repository, HostsProperties properties, HostsFileStatus status,
			ApplicationEventPublisher events, MeterRegistry meters, HealthCheckScheduler scheduler) {
		return new HostsFileRenderer(repository, properties, status, events, meters,
				() -> scheduler.refresh(HOSTS_FILE), Clock.systemUTC());
	}

	@Bean
	HostsRegistry hostsRegistry(HostRepository repository, TransactionTemplate transactions,
			HostsFileRenderer renderer) {
		return new HostsRegistry(repository, transactions, renderer, Clock.systemUTC());
	}

	@Bean
	HostsGrpcService hostsGrpcService(HostsRegistry registry, HostRepository repository, HostsHealthService health,
			HostsProperties properties) {
		return new HostsGrpcService(registry, new HostsImporter(registry, repository), health, properties);
	}

}
