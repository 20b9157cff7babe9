package dev.vigil.tls;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The served certificate and where it comes from (PEM files or ACME), the TLS ports that present
 * it, and the {@code acme} component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TlsProperties.class, AcmeProperties.class })
class AcmeConfiguration {

	@Bean
	AcmeStore acmeStore(JdbcTemplate jdbc) {
		return new AcmeStore(jdbc);
	}

	@Bean
	ServedCertificate servedCertificate(TlsProperties tls, AcmeProperties acme, MeterRegistry meters) {
		tls.requireOneSource(acme.enabled());
		boolean files = tls.enabled() && !acme.enabled();
		ServedCertificate certificate = new ServedCertificate(
				files ? CertificateBundle.read(tls.certificate(), tls.privateKey()) : null,
				() -> PlaceholderCertificate.create(Instant.now()));
		if (tls.enabled() || acme.enabled()) {
			Gauge.builder("vigil.tls.certificate.expiry", certificate,
					(served) -> served.current()
						.map((bundle) -> (bundle.notAfter().toEpochMilli() - System.currentTimeMillis()) / 1000.0)
						.orElse(Double.NaN))
				.description("Seconds until the served certificate expires")
				.baseUnit("seconds")
				.register(meters);
		}
		return certificate;
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.acme.enabled")
	AcmeCertificateManager acmeCertificateManager(AcmeProperties properties, AcmeStore store,
			ServedCertificate certificate, SecretRedactor redactor, MeterRegistry meters) {
		return new AcmeCertificateManager(properties, store, new AcmeClient(properties), certificate, redactor, meters,
				Clock.systemUTC());
	}

	@Bean
	BackgroundHealthIndicator acmeHealthIndicator(HealthCheckScheduler scheduler, TlsProperties tls,
			AcmeProperties acme, ServedCertificate certificate, ObjectProvider<AcmeCertificateManager> manager) {
		return scheduler.schedule(CertificateHealthDetails.COMPONENT, new CertificateHealthCheck(tls.enabled(),
				acme.enabled(), certificate, Optional.ofNullable(manager.getIfAvailable()), Clock.systemUTC()));
	}

	@Bean
	@ConditionalOnExpression("${vigil.tls.enabled:false} and !${vigil.acme.enabled:false}")
	PeriodicTask certificateFileWatch(TlsProperties properties, ServedCertificate certificate) {
		return new PeriodicTask("vigil-tls-files-", properties.reloadCheckInterval(),
				new CertificateFileWatcher(properties.certificate(), properties.privateKey(), certificate),
				LifecyclePhases.CERTIFICATE_FILES);
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.tls.enabled")
	HttpsConnector httpsConnector(TlsProperties properties, ServedCertificate certificate) {
		return new HttpsConnector(properties.httpsPort(), certificate);
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.tls.enabled")
	GrpcTlsServer grpcTlsServer(TlsProperties properties, GrpcServiceDiscoverer discoverer,
			GrpcServiceConfigurer configurer, GrpcServerFactory plainServer, ServedCertificate certificate) {
		return new GrpcTlsServer(properties.grpcPort(), () -> discoverer.findServices()
			.stream()
			.map((service) -> configurer.configure(service, plainServer))
			.toList(), certificate, properties.clientCa());
	}

}
