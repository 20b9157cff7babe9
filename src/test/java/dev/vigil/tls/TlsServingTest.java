package dev.vigil.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AcmeHealth;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTPS and gRPC over TLS from a static PEM certificate: both ports present it, a replaced
 * certificate is presented on the next handshake of both without a restart, and the {@code acme}
 * component reports its expiry on every door.
 */
@VigilTest
class TlsServingTest {

	static final Path CERTIFICATES = Path.of("target/test-data/tls");

	static CertificateBundle first;

	static CertificateBundle second;

	static CertificateBundle expired;

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	HttpsConnector https;

	@Autowired
	GrpcTlsServer grpcTls;

	@Autowired
	ServedCertificate served;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("vigil.tls.enabled", () -> "true");
		registry.add("vigil.tls.certificate", () -> TestCertificates.certificatePath(CERTIFICATES, "first").toString());
		registry.add("vigil.tls.private-key", () -> TestCertificates.keyPath(CERTIFICATES, "first").toString());
		registry.add("vigil.tls.https-port", () -> "0");
		registry.add("vigil.tls.grpc-port", () -> "0");
		registry.add("vigil.tls.reload-check-interval", () -> "100ms");
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/tls.db");
	}

	@BeforeAll
	static void certificates() {
		first = TestCertificates.create(CERTIFICATES, "first", 1, 90);
		second = TestCertificates.create(CERTIFICATES, "second", 1, 90);
		expired = TestCertificates.create(CERTIFICATES, "expired", 30, 10);
	}

	@AfterEach
	void serveTheFirstAgain() {
		this.served.replace(first);
	}

	@Test
	void newPemFilesOnDiskAreServedWithoutARestart() throws Exception {
		Path certificate = TestCertificates.certificatePath(CERTIFICATES, "first");
		Path key = TestCertificates.keyPath(CERTIFICATES, "first");
		byte[] firstCertificate = Files.readAllBytes(certificate);
		byte[] firstKey = Files.readAllBytes(key);
		try {
			Files.write(key, Files.readAllBytes(TestCertificates.keyPath(CERTIFICATES, "second")));
			Files.write(certificate, Files.readAllBytes(TestCertificates.certificatePath(CERTIFICATES, "second")));
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> servedSerial(this.https.port()).equals(serial(second)));
			assertThat(servedSerial(this.grpcTls.port())).isEqualTo(serial(second));
		}
		finally {
			Files.write(key, firstKey);
			Files.write(certificate, firstCertificate);
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> servedSerial(this.https.port()).equals(serial(first)));
		}
	}

	@Test
	void bothPortsPresentTheCertificateAndARenewalWithoutARestart() throws Exception {
		assertThat(servedSerial(this.https.port())).isEqualTo(serial(first));
		assertThat(servedSerial(this.grpcTls.port())).isEqualTo(serial(first));
		assertThat(httpsStatus("/livez")).isEqualTo(200);
		assertThat(grpcLivenessOverTls()).isTrue();
		// The TLS server's services carry the same interceptors as the plain server's: a call is
		// measured too (a health RPC is not: it makes no observation).
		double listCalls = calls("ListHosts");
		assertThat(listHostsOverTls()).isEqualTo(Status.Code.OK);
		await().atMost(Duration.ofSeconds(10)).until(() -> calls("ListHosts") > listCalls);

		this.served.replace(second);
		assertThat(servedSerial(this.https.port())).isEqualTo(serial(second));
		assertThat(servedSerial(this.grpcTls.port())).isEqualTo(serial(second));
		assertThat(httpsStatus("/readyz")).isEqualTo(200);

		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort())) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(doors.health().getAcme().getExpiresAt())
				.isEqualTo(second.notAfter().getEpochSecond()));
			AcmeHealth acme = doors.health().getAcme();
			assertThat(acme.getStatus()).isEqualTo("valid");
			assertThat(acme.getEnabled()).isFalse();
			assertThat(acme.getError()).isEmpty();
			assertThat(doors.get("/actuator/health/acme").body()).contains("\"status\":\"UP\"")
				.contains("\"status\":\"valid\"")
				.contains("\"source\":\"static\"")
				.contains("\"localhost\"")
				.doesNotContain("PRIVATE KEY");
			assertThat(doors.get("/actuator/prometheus").body()).contains("vigil_tls_certificate_expiry_seconds ");
		}
	}

	@Test
	void anExpiredCertificateTakesReadinessOutOnEveryDoor() throws Exception {
		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort())) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(true));
			this.served.replace(expired);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(false));
			assertThat(doors.read().aliveAnswers()).containsOnly(true);
			assertThat(doors.read().grpcReason()).contains("acme: certificate expired at " + expired.notAfter());
			AcmeHealth acme = doors.health().getAcme();
			assertThat(acme.getStatus()).isEqualTo("expired");
			assertThat(acme.getError()).startsWith("certificate expired at ");

			this.served.replace(first);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(true));
		}
	}

	private double calls(String method) {
		return this.meters.find("grpc.server")
			.timers()
			.stream()
			.filter((timer) -> timer.getId().getTags().stream().anyMatch((tag) -> tag.getValue().equals(method)))
			.mapToDouble(Timer::count)
			.sum();
	}

	private boolean grpcLivenessOverTls() throws Exception {
		return overTls((stub) -> stub.liveness(LivenessRequest.getDefaultInstance()).getAlive());
	}

	/** ListHosts over TLS, to its end; its status. */
	private Status.Code listHostsOverTls() throws Exception {
		return overTls((stub) -> {
			try {
				stub.listHosts(ListHostsRequest.getDefaultInstance()).hasNext();
				return Status.Code.OK;
			}
			catch (StatusRuntimeException ex) {
				return ex.getStatus().getCode();
			}
		});
	}

	private <T> T overTls(Function<HostsServiceGrpc.HostsServiceBlockingStub, T> call) throws Exception {
		ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", this.grpcTls.port(),
				TlsChannelCredentials.newBuilder()
					.trustManager(TestCertificates.certificatePath(CERTIFICATES, "first").toFile())
					.build())
			.build();
		try {
			return call.apply(HostsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS));
		}
		finally {
			Channels.close(channel);
		}
	}

	private int httpsStatus(String path) throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(TlsProbe.trustAll()).build();
		return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.https.port() + path)).build(),
				HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** The serial of the certificate a fresh TLS handshake on {@code port} presents. */
	private static BigInteger servedSerial(int port) throws IOException, GeneralSecurityException {
		return TlsProbe.presented(port).getSerialNumber();
	}

	private static BigInteger serial(CertificateBundle bundle) {
		return bundle.leaf().getSerialNumber();
	}

}
