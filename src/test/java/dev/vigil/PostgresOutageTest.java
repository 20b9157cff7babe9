package dev.vigil;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Doors;
import dev.vigil.testing.HealthWatch;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server stopped and started again while Vigil runs: readiness leaves and comes
 * back on every door, a Watch stream is told both changes as they happen, and liveness never moves.
 */
@VigilTest
@DirtiesContext
class PostgresOutageTest {

	static final String PASSWORD = "outage-Secret-9071";

	/** The test's db check interval plus its timeout (see {@code VigilTest}). */
	static final Duration DETECTION_BOUND = Duration.ofMillis(200 + 500);

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, PASSWORD);
		registry.add("spring.datasource.hikari.connection-timeout", () -> "500");
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Autowired
	ApplicationContext context;

	@Test
	void databaseOutageLeavesReadinessAndComesBackWhileLivenessStays() throws InterruptedException {
		try (Doors doors = Doors.of(this.context)) {
			List<ServingStatus> watched = HealthWatch.watch(doors.channel(), "readiness");
			List<Boolean> aliveSeen = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(10)).until(() -> doors.read().grpcReady());
			await().atMost(Duration.ofSeconds(5)).until(() -> watched.contains(ServingStatus.SERVING));

			postgres.stop();
			Doors.View down = await().atMost(DETECTION_BOUND.plusSeconds(2))
				.pollInterval(Duration.ofMillis(25))
				.until(() -> doors.read().recordAlive(aliveSeen), (view) -> !view.readyAnswers().contains(true));
			assertThat(down.grpcReason()).startsWith("db: ").doesNotContain(PASSWORD);
			assertThat(doors.health().getDatabase().getConnected()).isFalse();
			assertThat(doors.health().getDatabase().getBackend()).isEqualTo("postgresql");
			await().atMost(Duration.ofSeconds(2)).until(() -> watched.contains(ServingStatus.NOT_SERVING));
			assertThatThrownBy(() -> HostsServiceGrpc.newBlockingStub(doors.channel())
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.addHost(AddHostRequest.newBuilder().setIpAddress("10.0.0.1").setHostname("outage.example").build()))
				.isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
					assertThat(ex.getStatus().getDescription()).isEqualTo("database unavailable");
				});
			assertThatThrownBy(() -> HostsServiceGrpc.newBlockingStub(doors.channel())
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.createSnapshot(CreateSnapshotRequest.getDefaultInstance()))
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

			postgres.resume();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(25))
				.until(() -> doors.read().recordAlive(aliveSeen), (view) -> !view.readyAnswers().contains(false));
			assertThat(watched.get(watched.size() - 1)).isEqualTo(ServingStatus.SERVING);
			assertThat(aliveSeen).as("liveness on every door, through the outage").isNotEmpty().containsOnly(true);
			assertThat(HostsServiceGrpc.newBlockingStub(doors.channel())
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.addHost(AddHostRequest.newBuilder().setIpAddress("10.0.0.1").setHostname("outage.example").build())
				.getEntry()
				.getVersion()).isEqualTo("1");
		}
	}

}
