package dev.vigil;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.Channels;
import dev.vigil.testing.HealthWatch;
import dev.vigil.testing.HostsFollower;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application, as SIGTERM does: Watch streams on every grpc.health.v1 service but
 * {@code liveness} are told NOT_SERVING before the server stops; {@code liveness} never is; and
 * the open streams, WatchHosts followers among them, end with UNAVAILABLE and do not hold the
 * server's graceful shutdown.
 */
class ShutdownTest {

	static final List<String> SERVICES = List.of("liveness", "readiness", "", "router_hosts.v1.HostsService");

	@Test
	void shutdownTurnsEveryServiceButLivenessNotServing() throws InterruptedException {
		// The gRPC server's default 30s grace period: open Watch streams must not hold it.
		ConfigurableApplicationContext app = new SpringApplicationBuilder(VigilApplication.class).run("--server.port=0",
				"--spring.grpc.server.port=0", "--spring.datasource.url=jdbc:sqlite:target/test-data/shutdown.db",
				"--vigil.security.enabled=false");
		HostsFollower follower = HostsFollower.follow(app.getBean(GrpcServerLifecycle.class).getPort());
		ManagedChannel channel = ManagedChannelBuilder
			.forAddress("127.0.0.1", app.getBean(GrpcServerLifecycle.class).getPort())
			.usePlaintext()
			.build();
		try {
			Map<String, List<ServingStatus>> watched = new ConcurrentHashMap<>();
			SERVICES.forEach((service) -> watched.put(service, HealthWatch.watch(channel, service)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> watched.values().stream().allMatch((seen) -> seen.contains(ServingStatus.SERVING)));
			follower.awaitSnapshot((snapshot) -> true, Duration.ofSeconds(10));

			long closing = System.nanoTime();
			app.close();
			Duration closed = Duration.ofNanos(System.nanoTime() - closing);

			assertThat(watched.get("liveness")).containsOnly(ServingStatus.SERVING);
			for (String service : List.of("readiness", "", "router_hosts.v1.HostsService")) {
				assertThat(watched.get(service)).as("service '%s'", service).endsWith(ServingStatus.NOT_SERVING);
			}
			assertThat(closed).as("shutdown, with Watch streams open").isLessThan(Duration.ofSeconds(15));
			assertThat(follower.awaitEnd(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		}
		finally {
			app.close();
			follower.close();
			Channels.close(channel);
		}
	}
}
