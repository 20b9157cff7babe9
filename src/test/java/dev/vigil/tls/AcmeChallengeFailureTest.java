package dev.vigil.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.vigil.VigilApplication;
import dev.vigil.api.routerhosts.v1.AcmeHealth;
import dev.vigil.testing.Doors;
import dev.vigil.testing.Ports;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order whose HTTP-01 challenge cannot succeed (the CA finds no such host): no certificate,
 * so with TLS on the acme component is DOWN and readiness keeps traffic away, with the CA's
 * verdict as the error; liveness is untouched.
 */
class AcmeChallengeFailureTest {

	@Test
	void aFailedChallengeLeavesNoCertificateAndSaysWhy() throws Exception {
		PebbleServer.assumeInstalled();
		// A fresh database: no stored certificate and no lease left by an earlier run.
		Files.deleteIfExists(Path.of("target/test-data/acme-challenge.db"));
		try (PebbleServer pebble = PebbleServer.start(Path.of("target/test-data/acme-challenge"), Ports.free());
				ConfigurableApplicationContext vigil = new SpringApplicationBuilder(VigilApplication.class).run(
						"--server.port=0", "--spring.grpc.server.port=0", "--vigil.security.enabled=false",
						"--spring.datasource.url=jdbc:sqlite:target/test-data/acme-challenge.db",
						"--vigil.hosts.file.path=target/test-data/acme-challenge/hosts", "--vigil.tls.enabled=true",
						"--vigil.tls.https-port=0", "--vigil.tls.grpc-port=0", "--vigil.acme.enabled=true",
						"--vigil.acme.directory-url=" + pebble.directoryUrl(),
						"--vigil.acme.trust-certificate=" + pebble.listenerCertificate(),
						"--vigil.acme.domains[0]=no-such-host.invalid", "--vigil.acme.accept-terms=true",
						"--vigil.acme.order-timeout=20s");
				Doors doors = new Doors(((WebServerApplicationContext) vigil).getWebServer().getPort(),
						vigil.getBean(GrpcServerLifecycle.class).getPort())) {
			AcmeCertificateManager manager = vigil.getBean(AcmeCertificateManager.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> manager.state().consecutiveFailures() >= 1);
			assertThat(vigil.getBean(ServedCertificate.class).current()).isEmpty();
			assertThat(manager.state().lastError()).contains("no-such-host.invalid");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(doors.health().getAcme().getStatus()).isEqualTo("error"));
			AcmeHealth acme = doors.health().getAcme();
			assertThat(acme.getEnabled()).isTrue();
			assertThat(acme.getExpiresAt()).isZero();
			assertThat(acme.getError()).contains("no-such-host.invalid");
			assertThat(doors.read().readyAnswers()).containsOnly(false);
			assertThat(doors.read().aliveAnswers()).containsOnly(true);
			assertThat(TlsProbe.presented(vigil.getBean(HttpsConnector.class).port()).getSubjectX500Principal().getName())
				.contains("vigil placeholder");
		}
	}

}
