package dev.vigil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.testing.Doors;
import dev.vigil.testing.PausableProxy;
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
 * A partition between Vigil and a real PostgreSQL: a proxy that stops moving bytes and closes
 * nothing, so that every connection hangs. Once readiness says the database is down, reads answer
 * UNAVAILABLE at once, naming the reason and how long, but for the one trial call let through to
 * the database; after the heal, readiness and writes are back within 10 s.
 */
@VigilTest
@DirtiesContext
class PostgresPartitionTest {

	static final PostgresServer postgres = PostgresServer.start();

	static final PausableProxy proxy = PausableProxy.to(postgres.port());

	/** A read's answer while the database is known down. */
	static final Duration FAST = Duration.ofMillis(500);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "partition-Secret-3310", proxy.port());
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-partition");
	}

	@AfterAll
	static void stop() {
		proxy.close();
		postgres.close();
	}

	@Autowired
	ApplicationContext context;

	@Test
	void readsFailFastWhileTheDatabaseIsKnownDownAndEverythingIsBackAfterTheHeal() throws Exception {
		try (Doors doors = Doors.of(this.context)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> doors.read().grpcReady());
			proxy.partition();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !doors.read().grpcReady());

			List<Long> fastMillis = new ArrayList<>();
			int slow = 0;
			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				StatusRuntimeException refused = read(doors);
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				if (millis < FAST.toMillis()) {
					fastMillis.add(millis);
					assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
					assertThat(refused.getStatus().getDescription()).startsWith("database unavailable: db DOWN for ")
						.contains(" s (");
				}
				else {
					slow++;
				}
			}
			System.out.printf("partition: %d of 20 reads answered within %dms (slowest %dms); %d waited for their deadline%n",
					fastMillis.size(), FAST.toMillis(), fastMillis.stream().mapToLong(Long::longValue).max().orElse(0), slow);
			assertThat(slow).as("reads that reached the database: the one trial in flight").isLessThanOrEqualTo(1);

			proxy.heal();
			long healed = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> doors.read().grpcReady());
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
				.until(() -> HostsServiceGrpc.newBlockingStub(doors.channel())
					.withDeadlineAfter(2, TimeUnit.SECONDS)
					.addHost(AddHostRequest.newBuilder().setIpAddress("10.2.0.1").setHostname("healed.example").build())
					.hasEntry());
			System.out.printf("partition healed: ready and writing after %dms%n",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed));
		}
	}

	private static StatusRuntimeException read(Doors doors) {
		try {
			HostsServiceGrpc.newBlockingStub(doors.channel())
				.withDeadlineAfter(3, TimeUnit.SECONDS)
				.listHosts(ListHostsRequest.getDefaultInstance())
				.forEachRemaining((entry) -> {
				});
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
		throw new AssertionError("a read succeeded through a partition");
	}

}
