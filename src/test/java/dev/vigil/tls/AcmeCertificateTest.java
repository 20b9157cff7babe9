package dev.vigil.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AcmeHealth;
import dev.vigil.testing.Doors;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A certificate ordered from a real ACME CA (pebble) with HTTP-01 validation on: pebble calls
 * back to Vigil's plain HTTP port. The certificate is then served on HTTPS and gRPC TLS, renewed
 * without a restart, and kept when the CA goes away, with every door telling the truth.
 */
@VigilTest
class AcmeCertificateTest {

	static final Path WORK = Path.of("target/test-data/acme");

	static final int HTTP_PORT = Ports.free();

	static PebbleServer pebble;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	HttpsConnector https;

	@Autowired
	GrpcTlsServer grpcTls;

	@Autowired
	ServedCertificate served;

	@Autowired
	AcmeCertificateManager manager;

	@Autowired
	AcmeStore store;

	@BeforeAll
	static void startCa() throws IOException {
		PebbleServer.assumeInstalled();
		Files.deleteIfExists(Path.of("target/test-data/acme.db"));
		pebble = PebbleServer.start(WORK, HTTP_PORT);
	}

	@AfterAll
	static void stopCa() {
		if (pebble != null) {
			pebble.close();
		}
	}

	@DynamicPropertySource
	static void acme(DynamicPropertyRegistry registry) {
		// Pebble validates HTTP-01 on this port, so Vigil's main HTTP port is fixed to it.
		registry.add("server.port", () -> Integer.toString(HTTP_PORT));
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/acme.db");
		registry.add("vigil.tls.enabled", () -> "true");
		registry.add("vigil.tls.https-port", () -> "0");
		registry.add("vigil.tls.grpc-port", () -> "0");
		registry.add("vigil.acme.enabled", () -> "true");
		registry.add("vigil.acme.directory-url", () -> pebble.directoryUrl());
		registry.add("vigil.acme.trust-certificate", () -> pebble.listenerCertificate().toString());
		registry.add("vigil.acme.email", () -> "ops@example.test");
		registry.add("vigil.acme.domains[0]", () -> "localhost");
		registry.add("vigil.acme.accept-terms", () -> "true");
		// Pebble issues five-year certificates: a window this long keeps the test inside it.
		registry.add("vigil.acme.renew-before", () -> "3650d");
		registry.add("vigil.acme.order-timeout", () -> "30s");
	}

	@Test
	void orderedServedRenewedAndKeptWhenTheCaIsGone() throws Exception {
		X509Certificate issued = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.served.current().map(CertificateBundle::leaf).orElse(null), (leaf) -> leaf != null);
		assertThat(issued.getIssuerX500Principal().getName()).contains("Pebble");
		assertThat(this.store.certificate()).hasValueSatisfying((stored) -> assertThat(stored.leaf()).isEqualTo(issued));
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.until(() -> serial(this.https.port()).equals(issued.getSerialNumber())
					&& serial(this.grpcTls.port()).equals(issued.getSerialNumber()));

		try (Doors doors = new Doors(HTTP_PORT, this.grpcServer.getPort())) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(true));
			AcmeHealth acme = doors.health().getAcme();
			assertThat(acme.getEnabled()).isTrue();
			assertThat(acme.getStatus()).isEqualTo("valid");
			assertThat(acme.getExpiresAt()).isEqualTo(issued.getNotAfter().toInstant().getEpochSecond());
			assertThat(doors.get("/actuator/health/acme").body()).contains("\"source\":\"acme\"")
				.contains("\"lastError\":\"\"")
				.doesNotContain("PRIVATE KEY");
			assertThat(doors.status("/.well-known/acme-challenge/not-a-token")).isEqualTo(404);

			// A forced renewal: the next handshake on both ports presents the new certificate.
			this.manager.renewNow().get(60, TimeUnit.SECONDS);
			BigInteger renewed = this.served.current().orElseThrow().leaf().getSerialNumber();
			assertThat(renewed).isNotEqualTo(issued.getSerialNumber());
			assertThat(serial(this.https.port())).isEqualTo(renewed);
			assertThat(serial(this.grpcTls.port())).isEqualTo(renewed);
			assertThat(doors.get("/actuator/prometheus").body())
				.contains("vigil_acme_renewals_total{result=\"success\"} 2.0")
				// Each order is an observation, so a span with tracing on: the first, and the forced one.
				.contains("vigil_acme_order_seconds_count{error=\"none\",forced=\"false\"} 1")
				.contains("vigil_acme_order_seconds_count{error=\"none\",forced=\"true\"} 1");

			// The CA goes away: the renewal fails, the certificate stays, health says so.
			pebble.close();
			this.manager.renewNow().get(60, TimeUnit.SECONDS);
			assertThat(this.served.current().orElseThrow().leaf().getSerialNumber()).isEqualTo(renewed);
			assertThat(serial(this.https.port())).isEqualTo(renewed);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(doors.health().getAcme().getStatus()).isEqualTo("error"));
			assertThat(doors.health().getAcme().getError()).isNotEmpty();
			assertThat(doors.get("/actuator/health/acme").body()).contains("\"status\":\"DEGRADED\"");
			assertThat(doors.read().readyAnswers()).containsOnly(true);
			assertThat(doors.get("/actuator/prometheus").body())
				.contains("vigil_acme_renewals_total{result=\"failure\"} 1.0");
		}
	}

	private static BigInteger serial(int port) throws Exception {
		return TlsProbe.presented(port).getSerialNumber();
	}


}
