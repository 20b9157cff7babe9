package dev.vigil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WatchHosts followers on two replicas while writers add entries at once, with shared
 * snapshots few enough (two live) and pages small enough that some are revoked while being sent:
 * every snapshot each follower gets is whole (its count, each id once), never older than the one
 * before it, and holds every entry the one before it held; all converge on the newest change,
 * the same id on both replicas; and a replica shutting down ends each of its followers' streams
 * with UNAVAILABLE. On one SQLite file (written through A) and on PostgreSQL (through both).
 */
class FollowersUnderConcurrentWritesTest {

	private static final Path WORK = Path.of("target/test-data/followers-writes").toAbsolutePath();

	private static final int FOLLOWERS_PER_REPLICA = 8;

	private static final int WRITERS = 3;

	private static final int WRITES_EACH = 30;

	@Test
	void onOneSqliteFile() throws Exception {
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		String url = "--spring.datasource.url=jdbc:sqlite:" + WORK.resolve("vigil.db");
		// One writing process: a second one on the same file would meet SQLITE_BUSY, which is
		// UNAVAILABLE to the caller (SqliteLockTest); B follows the file and serves followers.
		exercise(List.of(url), 1);
	}

	@Test
	void onPostgres() throws Exception {
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		try (PostgresServer postgres = PostgresServer.start()) {
			List<String> database = List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=postgres", "--spring.datasource.password=unused");
			exercise(database, 2);
		}
	}

	/** Writers write on the first {@code writingReplicas} of A and B, in turn. */
	private static void exercise(List<String> database, int writingReplicas) throws Exception {
		ConfigurableApplicationContext a = start("a", database);
		ConfigurableApplicationContext b = null;
		List<HostsFollower> followers = new ArrayList<>();
		List<ManagedChannel> channels = new ArrayList<>();
		try {
			b = start("b", database);
			for (ConfigurableApplicationContext replica : List.of(a, b)) {
				channels.add(Channels.local(grpcPort(replica)));
				for (int i = 0; i < FOLLOWERS_PER_REPLICA; i++) {
					followers.add(HostsFollower.follow(grpcPort(replica)));
				}
			}
			List<CompletableFuture<Void>> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				writers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < WRITES_EACH; i++) {
						HostsServiceGrpc.newBlockingStub(channels.get((writer + i) % writingReplicas))
							.addHost(AddHostRequest.newBuilder()
								.setIpAddress("10.50." + writer + "." + i)
								.setHostname("w" + writer + "-" + i + ".example")
								.build());
					}
				}));
			}
			CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
			String newest = a.getBean(HostsRegistry.class).newestChange().id();
			int total = WRITERS * WRITES_EACH;
			await().atMost(Duration.ofSeconds(30))
				.until(() -> followers.stream().allMatch((follower) -> !follower.snapshots().isEmpty()
						&& last(follower).changeId().equals(newest) && last(follower).count() == total));

			Map<String, Long> sequences = new JdbcTemplate(a.getBean(DataSource.class))
				.query("SELECT seq, change_id FROM host_changes", (row, n) -> Map.entry(row.getString(2), row.getLong(1)))
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			sequences.put(Change.NONE.id(), Change.NONE.sequence());
			for (HostsFollower follower : followers) {
				Set<String> before = Set.of();
				long sequenceBefore = 0;
				for (HostsFollower.Snapshot snapshot : follower.snapshots()) {
					List<String> ids = snapshot.entries().stream().map((entry) -> entry.getId()).toList();
					assertThat(ids).hasSize(snapshot.count()).doesNotHaveDuplicates();
					Set<String> held = new HashSet<>(ids);
					assertThat(held).as("entries are only added here").containsAll(before);
					long sequence = sequences.get(snapshot.changeId());
					assertThat(sequence).as("never an older snapshot than the one before").isGreaterThanOrEqualTo(sequenceBefore);
					before = held;
					sequenceBefore = sequence;
				}
			}

			b.close();
			List<HostsFollower> onB = followers.subList(FOLLOWERS_PER_REPLICA, followers.size());
			await().atMost(Duration.ofSeconds(10)).until(() -> onB.stream().allMatch((follower) -> follower.ended() != null));
			assertThat(onB).allSatisfy((follower) -> assertThat(follower.ended().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			for (HostsFollower follower : followers) {
				follower.close();
			}
			for (ManagedChannel channel : channels) {
				Channels.close(channel);
			}
			if (b != null) {
				b.close();
			}
			a.close();
		}
	}

	private static HostsFollower.Snapshot last(HostsFollower follower) {
		List<HostsFollower.Snapshot> snapshots = follower.snapshots();
		return snapshots.get(snapshots.size() - 1);
	}

	private static int grpcPort(ConfigurableApplicationContext replica) {
		return replica.getBean(GrpcServerLifecycle.class).getPort();
	}

	private static ConfigurableApplicationContext start(String name, List<String> database) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.grpc.server.port=0",
				"--logging.level.root=warn", "--vigil.security.enabled=false", "--vigil.ipc.enabled=false",
				"--vigil.hosts.file.path=" + WORK.resolve(name + "-hosts"), "--vigil.models.directory=" + WORK.resolve("no-models"),
				"--vigil.hosts.page-size=20", "--vigil.hosts.changes.follower-shared-snapshots=2",
				"--vigil.hosts.changes.follower-coalesce-delay=20ms", "--vigil.hosts.changes.check-interval=200ms"));
		arguments.addAll(database);
		return new SpringApplicationBuilder(VigilApplication.class).run(arguments.toArray(String[]::new));
	}

}
