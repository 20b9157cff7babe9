package dev.vigil.hosts;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.database.DatabaseFailureSignal;
import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosts registry: storage, the rendered hosts file and its {@code hostsFile} component, and
 * the host RPCs ({@link HostsApi}) that the gRPC door binds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostsProperties.class)
class HostsConfiguration {

	@Bean
	HostRepository hostRepository(JdbcTemplate jdbc) {
		return new HostRepository(jdbc);
	}

	@Bean
	HostsFileHealthCheck hostsFileHealthCheck(HostsProperties properties) {
		return new HostsFileHealthCheck(properties.file().path());
	}

	@Bean
	BackgroundHealthIndicator hostsFileHealthIndicator(HealthCheckScheduler scheduler, HostsFileHealthCheck status) {
		return scheduler.schedule(HostsFileHealthCheck.COMPONENT, status);
	}

	@Bean
	HostsFileRenderer hostsFileRenderer(HostRepository repository, HostsProperties properties, HostsFileHealthCheck status,
			ApplicationEventPublisher events, MeterRegistry meters) {
		return new HostsFileRenderer(repository, properties, status, events, meters, Clock.systemUTC());
	}

	@Bean
	HostsRegistry hostsRegistry(HostRepository repository, TransactionTemplate transactions,
			HostsFileRenderer renderer, DatabaseFailureSignal failures) {
		return new HostsRegistry(repository, transactions, renderer, failures, Clock.systemUTC());
	}

	@Bean
	HostsApi hostsApi(HostsRegistry registry, HostRepository repository, HostsProperties properties) {
		return new HostsApi(registry, new HostsImporter(registry, repository), properties);
	}

}
