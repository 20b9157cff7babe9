package dev.vigil.tls;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.grpc.ServerStreamTracer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
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
@Import(AcmeConfiguration.SettingDependentBeans.class)
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
	BackgroundHealthIndicator acmeHealthIndicator(HealthCheckScheduler scheduler, TlsProperties tls,
			AcmeProperties acme, ServedCertificate certificate, ObjectProvider<AcmeCertificateManager> manager) {
		return scheduler.schedule(CertificateHealthDetails.COMPONENT, new CertificateHealthCheck(tls.enabled(),
				acme.enabled(), certificate, Optional.ofNullable(manager.getIfAvailable()), Clock.systemUTC()));
	}

	/**
	 * The beans that exist only with some settings, decided at each start, in Spring AOT mode too
	 * (decision 0009). With ACME, its certificate manager; with TLS, the HTTPS
	 * connector and the gRPC TLS server, and the PEM files' watcher unless ACME supplies the
	 * certificate.
	 */
	static final class SettingDependentBeans implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			boolean acme = environment.getProperty("vigil.acme.enabled", Boolean.class, false);
			boolean tls = environment.getProperty("vigil.tls.enabled", Boolean.class, false);
			if (acme) {
				registry.registerBean("acmeCertificateManager", AcmeCertificateManager.class,
						(spec) -> spec.supplier((context) -> {
							AcmeProperties properties = context.bean(AcmeProperties.class);
							return new AcmeCertificateManager(properties, context.bean(AcmeStore.class),
									new AcmeClient(properties), context.bean(ServedCertificate.class),
									context.bean(SecretRedactor.class), context.bean(MeterRegistry.class),
									context.bean(ObservationRegistry.class), Clock.systemUTC());
						}));
			}
			if (tls && !acme) {
				registry.registerBean("certificateFileWatch", PeriodicTask.class, (spec) -> spec.supplier((context) -> {
					TlsProperties properties = context.bean(TlsProperties.class);
					return new PeriodicTask("vigil-tls-files", SchedulerGroup.SHARED, properties.reloadCheckInterval(),
							new CertificateFileWatcher(properties.certificate(), properties.privateKey(),
									context.bean(ServedCertificate.class)),
							LifecyclePhases.CERTIFICATE_FILES);
				}));
			}
			if (tls) {
				registry.registerBean("httpsConnector", HttpsConnector.class,
						(spec) -> spec.supplier((context) -> new HttpsConnector(
								context.bean(TlsProperties.class).httpsPort(), context.bean(ServedCertificate.class))));
				registry.registerBean("grpcTlsServer", GrpcTlsServer.class, (spec) -> spec.supplier((context) -> {
					TlsProperties properties = context.bean(TlsProperties.class);
					GrpcServiceDiscoverer discoverer = context.bean(GrpcServiceDiscoverer.class);
					GrpcServiceConfigurer configurer = context.bean(GrpcServiceConfigurer.class);
					GrpcServerFactory plainServer = context.bean(GrpcServerFactory.class);
					return new GrpcTlsServer(properties.grpcPort(), () -> discoverer.findServices()
						.stream()
						.map((service) -> configurer.configure(service, plainServer))
						.toList(), context.bean(ServedCertificate.class), properties.clientCa(),
							context.beanProvider(ServerStreamTracer.Factory.class).orderedStream().toList());
				}));
			}
		}

	}

}
