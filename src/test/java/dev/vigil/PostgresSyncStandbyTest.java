package dev.vigil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.health.ComponentState;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Doors;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.TextFiles;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL primary with a synchronous standby (a base backup taken with {@code pg_basebackup})
 * whose standby is stopped mid-traffic, so that every commit waits while reads still work, as a
 * replicated cluster's common outage looks. Under a writer and a reader, for as long as
 * {@code vigil.test.standby-gone} (80 s by default): {@code db} turns DEGRADED naming the commit's
 * wait within 10 s, and UP once the standby is back; at least 99 % of reads succeed; at most three
 * pooled connections are ever in use, since writes queued behind the stalled commit hold none; the
 * timeline that {@code vigil server events -f json} prints shows both changes; and afterwards
 * nothing acknowledged is missing and the hosts file holds exactly the registry.
 */
@VigilTest
@DirtiesContext
class PostgresSyncStandbyTest {

	static final String PASSWORD = "standby-Secret-5521";

	static final Duration GONE = Duration.parse(System.getProperty("vigil.test.standby-gone", "PT80S"));

	/** What a client that gives up allows each call, as a CLI or a router with a short deadline does. */
	static final long CALL_DEADLINE_MS = 2000;

	static PostgresServer primary;

	static PostgresServer standby;

	@BeforeAll
	static void cluster() {
		SystemCommands.assume("pg_basebackup", "postgresql-client");
		primary = PostgresServer.start(Map.of("synchronous_commit", "on"));
		standby = primary.standby();
		primary.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
		primary.execute("SELECT pg_reload_conf()");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "sync".equals(primary.queryForString("SELECT sync_state FROM pg_stat_replication")));
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		primary.registerDataSource(registry, PASSWORD);
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-sync-standby");
	}

	@AfterAll
	static void stopCluster() {
		if (standby != null) {
			standby.close();
		}
		if (primary != null) {
			primary.close();
		}
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	HealthEvaluator health;

	@Autowired
	MeterRegistry meters;

	@Value("${vigil.hosts.file.path}")
	String hostsFile;

	@Test
	void aCommitThatDoesNotReturnIsReportedAndContained() throws Exception {
		try (Doors doors = Doors.of(this.context)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> doors.read().grpcReady());
			Set<String> acknowledged = ConcurrentHashMap.newKeySet();
			AtomicInteger reads = new AtomicInteger();
			AtomicInteger readsFailed = new AtomicInteger();
			AtomicInteger mostConnections = new AtomicInteger();
			Set<Status.Code> refusals = ConcurrentHashMap.newKeySet();
			AtomicBoolean running = new AtomicBoolean(true);
			List<Thread> clients = new ArrayList<>();
			clients.add(client("writer", running, () -> {
				String name = "host-" + System.nanoTime() + ".example";
				try {
					stub(doors).addHost(AddHostRequest.newBuilder().setIpAddress("10.1.0.1").setHostname(name).build());
					acknowledged.add(name);
				}
				catch (StatusRuntimeException refused) {
					// UNAVAILABLE or DEADLINE_EXCEEDED while the commit waits: the writer tries again.
					refusals.add(refused.getStatus().getCode());
				}
			}));
			clients.add(client("reader", running, () -> {
				reads.incrementAndGet();
				try {
					stub(doors).listHosts(ListHostsRequest.getDefaultInstance()).forEachRemaining((entry) -> {
					});
				}
				catch (StatusRuntimeException failed) {
					readsFailed.incrementAndGet();
				}
			}));
			clients.add(client("pool-sampler", running,
					() -> mostConnections.accumulateAndGet(pooledConnectionsInUse(), Math::max)));
			await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= 5);

			standby.stop();
			long stopped = System.nanoTime();
			ComponentState degraded = await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(this::db, (db) -> "DEGRADED".equals(db.status().getCode()));
			Duration seen = Duration.ofNanos(System.nanoTime() - stopped);
			// A lone AddHost sends its lock and its commit in one statement: which one it waits for is not known.
			assertThat(degraded.reason()).startsWith("a write has waited ").endsWith(" for the write lock or its commit");
			assertThat(doors.health().getComponentsList()).anySatisfy((component) -> {
				assertThat(component.getName()).isEqualTo("db");
				assertThat(component.getStatus()).isEqualTo("DEGRADED");
			});
			assertThat(doors.read().grpcReady()).as("readiness serves a stalled write path").isTrue();
			Thread.sleep(Math.max(0, GONE.toMillis() - Duration.ofNanos(System.nanoTime() - stopped).toMillis()));

			standby.resume();
			await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(db().status().getCode()));
			int before = acknowledged.size();
			await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() > before);
			running.set(false);
			for (Thread client : clients) {
				client.join(TimeUnit.SECONDS.toMillis(10));
			}

			System.out.printf("sync standby gone %ds: db DEGRADED after %dms; reads %d, failed %d; most pooled connections in use %d%n",
					GONE.toSeconds(), seen.toMillis(), reads.get(), readsFailed.get(), mostConnections.get());
			assertThat(readsFailed.get()).as("failed reads of %d", reads.get()).isLessThanOrEqualTo(reads.get() / 100);
			assertThat(refusals).as("what the writer was told while the commit waited")
				.isSubsetOf(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
			assertThat(mostConnections.get()).isLessThanOrEqualTo(3);

			CommandRun events = CommandRun.of(Map.of(), "--server", "localhost:" + doors.grpcPort(), "server", "events",
					"--component", "db", "-f", "json").assertExit(0);
			List<String> changes = new ArrayList<>();
			for (JsonNode event : events.json()) {
				assertThat(event.has("at") && event.has("previous") && event.has("reason") && event.has("lasted")).isTrue();
				changes.add(event.get("previous").asString() + "->" + event.get("status").asString());
			}
			assertThat(changes).containsSubsequence("UP->DEGRADED", "DEGRADED->UP");

			Set<String> registry = new java.util.HashSet<>();
			stub(doors).listHosts(ListHostsRequest.getDefaultInstance())
				.forEachRemaining((ListHostsResponse entry) -> registry.add(entry.getEntry().getHostname()));
			assertThat(registry).as("every acknowledged write").containsAll(acknowledged);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> hostsFileNames().equals(registry));
		}
	}

	private HostsServiceGrpc.HostsServiceBlockingStub stub(Doors doors) {
		return HostsServiceGrpc.newBlockingStub(doors.channel()).withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS);
	}

	private ComponentState db() {
		return this.health.overall().component("db").orElseThrow();
	}

	/** Hikari's {@code hikaricp.connections.active}, summed over every pool but the db check's. */
	private int pooledConnectionsInUse() {
		return (int) this.meters.find("hikaricp.connections.active")
			.gauges()
			.stream()
			.filter((gauge) -> !"vigil-db-check".equals(gauge.getId().getTag("pool")))
			.mapToDouble(Gauge::value)
			.sum();
	}

	private Set<String> hostsFileNames() {
		return TextFiles.readOrEmpty(java.nio.file.Path.of(this.hostsFile))
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("\\s+")[1])
			.collect(Collectors.toSet());
	}

	private static Thread client(String name, AtomicBoolean running, Runnable call) {
		Thread thread = new Thread(() -> {
			while (running.get()) {
				call.run();
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "standby-test-" + name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
