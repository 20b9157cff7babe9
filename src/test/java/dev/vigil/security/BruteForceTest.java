package dev.vigil.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.testing.Channels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Guessing tokens: past the bound an address is refused (429, RESOURCE_EXHAUSTED), even with a
 * right token, for the rest of the window; probes from that same address answer throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/brute.db",
				"vigil.hosts.file.path=target/test-data/brute-hosts", "vigil.models.directory=target/test-data/no-models",
				"vigil.security.max-failed-attempts=5", "vigil.security.failed-attempts-window=10m",
				"vigil.security.tokens[0].name=operator",
				"vigil.security.tokens[0].sha256=" + BruteForceTest.TOKEN_SHA256,
				"vigil.security.tokens[0].roles=actuator,hosts:read" })
class BruteForceTest {

	static final String TOKEN = "operator-token";

	/** SHA-256 of {@link #TOKEN}. */
	static final String TOKEN_SHA256 = "0850123315d21ab90f4f7236408a52ef6dbd6a02a6550e5c10dc73f4d993680e";

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Test
	void guessingIsRefusedAfterTheBoundWhileProbesKeepAnswering() throws Exception {
		assertThat(Caller.sha256(TOKEN)).isEqualTo(TOKEN_SHA256);
		String base = "http://127.0.0.1:" + this.httpPort;
		HttpClient http = HttpClient.newHttpClient();
		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		// Ready first: the first background checks may not have run when the context has started.
		await().atMost(Duration.ofSeconds(10)).until(() -> HostsServiceGrpc.newBlockingStub(channel)
			.readiness(ReadinessRequest.getDefaultInstance())
			.getReady());
		Caller operator = Caller.withToken("operator", TOKEN);
		AtomicBoolean guessing = new AtomicBoolean(true);
		List<Integer> probes = new CopyOnWriteArrayList<>();
		try {
			assertThat(operator.get(http, base, "/actuator/prometheus").statusCode()).isEqualTo(200);
			CompletableFuture<Void> prober = CompletableFuture.runAsync(() -> {
				while (guessing.get()) {
					probes.add(Caller.ANONYMOUS.get(http, base, "/readyz").statusCode());
					probes.add(Caller.withToken("stray", "guess").get(http, base, "/livez").statusCode());
				}
			});
			for (int i = 0; i < 5; i++) {
				assertThat(Caller.withToken("guess", "guess-" + i).get(http, base, "/actuator/prometheus").statusCode())
					.as("guess %d", i)
					.isEqualTo(401);
			}
			var refused = Caller.withToken("guess", "guess-6").get(http, base, "/actuator/prometheus");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.body()).isEqualTo("{\"status\":429,\"error\":\"too many failed attempts; try again later\"}");
			assertThat(operator.get(http, base, "/actuator/prometheus").statusCode())
				.as("the right token from a blocked address waits for the window too")
				.isEqualTo(429);
			StatusRuntimeException grpcRefused = catchThrowableOfType(StatusRuntimeException.class,
					() -> HostsServiceGrpc.newBlockingStub(operator.on(channel))
						.getHost(GetHostRequest.newBuilder().setId("x").build()));
			assertThat(grpcRefused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			assertThat(HostsServiceGrpc.newBlockingStub(Caller.withToken("stray", "guess").on(channel))
				.readiness(ReadinessRequest.getDefaultInstance())
				.getReady()).isTrue();
			assertThat(HealthGrpc.newBlockingStub(channel)
				.check(HealthCheckRequest.newBuilder().setService("readiness").build())
				.getStatus()).hasToString("SERVING");
			guessing.set(false);
			prober.get(10, TimeUnit.SECONDS);
			assertThat(probes).isNotEmpty().containsOnly(200);
		}
		finally {
			guessing.set(false);
			Channels.close(channel);
		}
	}

}
