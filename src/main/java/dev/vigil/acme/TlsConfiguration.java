package dev.vigil.acme;

import java.time.Clock;

import io.grpc.BindableService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served certificate, the TLS ports that present it, and the {@code acme} component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
class TlsConfiguration {

	private static final String ACME = "acme";

	@Bean
	ServedCertificate servedCertificate(TlsProperties properties, MeterRegistry meters) {
		ServedCertificate certificate = new ServedCertificate(
				properties.enabled() ? CertificateBundle.read(properties.certificate(), properties.privateKey()) : null);
		if (properties.enabled()) {
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
	BackgroundHealthIndicator acmeHealthIndicator(HealthCheckScheduler scheduler, TlsProperties properties,
			ServedCertificate certificate) {
		certificate.onReplace((next) -> scheduler.refresh(ACME));
		return scheduler.schedule(ACME, new CertificateHealthCheck(properties.enabled(), certificate, Clock.systemUTC()));
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.tls.enabled")
	CertificateFileWatcher certificateFileWatcher(TlsProperties properties, ServedCertificate certificate) {
		return new CertificateFileWatcher(properties.certificate(), properties.privateKey(),
				properties.reloadCheckInterval(), certificate);
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.tls.enabled")
	HttpsConnector httpsConnector(TlsProperties properties, ServedCertificate certificate) {
		return new HttpsConnector(properties.httpsPort(), certificate);
	}

	@Bean
	@ConditionalOnBooleanProperty("vigil.tls.enabled")
	GrpcTlsServer grpcTlsServer(TlsProperties properties, ObjectProvider<BindableService> services,
			ServedCertificate certificate) {
		return new GrpcTlsServer(properties.grpcPort(), services.orderedStream().toList(), certificate);
	}

}
