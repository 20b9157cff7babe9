package dev.vigil;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Doors;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the first failed request: with the shipped check interval (5 s) and timeout
 * (2 s) and a client sending 20 host requests a second, stopping PostgreSQL turns readiness 503 on
 * every door within a second, long before the next scheduled check; and once the database is back,
 * the rechecks of a DOWN component see it within a second too. Liveness never wavers.
 */
@VigilTest
@DirtiesContext
class PassiveFailureSignalTest {

	static final Duration TARGET = Duration.ofSeconds(1);

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "passive-Secret-3318");
		// The shipped defaults, not the short test intervals: only the request path can be this fast.
		registry.add("vigil.health.defaults.interval", () -> "5s");
		registry.add("vigil.health.defaults.timeout", () -> "2s");
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Autowired
	ApplicationContext context;

	@Test
	void underTrafficAnOutageAndARecoveryShowOnEveryDoorWithinASecond() throws InterruptedException {
		ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
		try (Doors doors = Doors.of(this.context)) {
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(doors.channel());
			List<Boolean> aliveSeen = new CopyOnWriteArrayList<>();
			AtomicInteger sent = new AtomicInteger();
			await().atMost(Duration.ofSeconds(10)).until(() -> !doors.read().readyAnswers().contains(false));
			client.scheduleAtFixedRate(() -> {
				try {
					hosts.withDeadlineAfter(3, TimeUnit.SECONDS)
						.addHost(AddHostRequest.newBuilder()
							.setIpAddress("10.1.0.1")
							.setHostname("h" + sent.incrementAndGet() + ".example")
							.build());
				}
				catch (StatusRuntimeException ex) {
					// UNAVAILABLE while the database is away: the point of the test.
				}
			}, 0, 50, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() >= 10);

			postgres.stop();
			long stoppedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> doors.read().recordAlive(aliveSeen), (view) -> !view.readyAnswers().contains(true));
			Duration detection = Duration.ofNanos(System.nanoTime() - stoppedAt);

			postgres.resume();
			long resumedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> doors.read().recordAlive(aliveSeen), (view) -> !view.readyAnswers().contains(false));
			Duration recovery = Duration.ofNanos(System.nanoTime() - resumedAt);

			assertThat(detection).as("database stopped -> readiness 503 on every door").isLessThanOrEqualTo(TARGET);
			assertThat(recovery).as("database back -> ready on every door").isLessThanOrEqualTo(TARGET);
			assertThat(aliveSeen).as("liveness on every door, throughout").isNotEmpty().containsOnly(true);
		}
		finally {
			client.shutdownNow();
			client.awaitTermination(10, TimeUnit.SECONDS);
		}
	}


}
