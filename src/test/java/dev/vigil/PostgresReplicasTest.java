package dev.vigil;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.HistoryEvent;
import dev.vigil.api.v1.HistoryOperation;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.ImportCall;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.RecordingHook;
import dev.vigil.testing.SystemCommands;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

import static dev.vigil.testing.TextFiles.readOrEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Replicas on one real PostgreSQL. Three: a write on A reaches B's and C's hosts files and runs
 * their hooks, a WatchHosts follower on B sees it as a new snapshot with A's change id, and B cut
 * off from the database (its role refused, its connections terminated) catches up on what it
 * missed once let back in. Two: a rollback on B while an import is applied on A is refused, a
 * rollback on A reaches B's hosts file as one change, and while a rollback on A is held open a
 * rollback and an import on B are refused; B reads the history A wrote.
 */
class PostgresReplicasTest {

	static final Path WORK = Path.of("target/test-data/pg-replicas").toAbsolutePath();

	static final Duration PROPAGATION = Duration.ofSeconds(10);

	@Test
	void aWriteOnOneReplicaReachesEveryReplicaAndFollowerAndSurvivesALostConnection() throws Exception {
		SystemCommands.assume("setsid", "util-linux");
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		try (PostgresServer postgres = PostgresServer.start()) {
			sql(postgres, "CREATE ROLE vigil_b LOGIN SUPERUSER");
			ConfigurableApplicationContext a = start(postgres, "a", "postgres");
			List<ConfigurableApplicationContext> replicas = new ArrayList<>(List.of(a));
			try {
				CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture
					.supplyAsync(() -> start(postgres, "b", "vigil_b"));
				CompletableFuture<ConfigurableApplicationContext> c = CompletableFuture
					.supplyAsync(() -> start(postgres, "c", "postgres"));
				replicas.add(b.join());
				replicas.add(c.join());
				ManagedChannel channelA = Channels.local(grpcPort(a));
				try (HostsFollower follower = HostsFollower.follow(grpcPort(replicas.get(1)))) {
					HostsServiceGrpc.HostsServiceBlockingStub hostsA = HostsServiceGrpc.newBlockingStub(channelA);
					String before = follower.awaitSnapshot((snapshot) -> true, PROPAGATION).changeId();

					hostsA.addHost(AddHostRequest.newBuilder().setIpAddress("10.1.0.1").setHostname("first.example").build());
					for (String replica : List.of("b", "c")) {
						await().atMost(PROPAGATION).until(() -> readOrEmpty(hostsFile(replica)).contains("first.example"));
						await().atMost(PROPAGATION).until(() -> readOrEmpty(hookRuns(replica)).contains("success 1"));
					}
					HostsFollower.Snapshot seen = follower.awaitSnapshot((snapshot) -> snapshot.has("first.example"),
							PROPAGATION);
					assertThat(seen.changeId()).isNotEqualTo(before).isEqualTo(newestChangeId(postgres));
					assertThat(seen.count()).isEqualTo(1);

					sql(postgres, "ALTER ROLE vigil_b NOLOGIN");
					sql(postgres, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'vigil_b'");
					hostsA.addHost(AddHostRequest.newBuilder().setIpAddress("10.1.0.2").setHostname("second.example").build());
					await().atMost(PROPAGATION).until(() -> readOrEmpty(hostsFile("c")).contains("second.example"));
					assertThat(readOrEmpty(hostsFile("b"))).doesNotContain("second.example");
					await().atMost(PROPAGATION).until(() -> !hostsFileDetails(replicas.get(1)).path("feedListening").asBoolean());

					sql(postgres, "ALTER ROLE vigil_b LOGIN");
					await().atMost(PROPAGATION).until(() -> readOrEmpty(hostsFile("b")).contains("second.example"));
					await().atMost(PROPAGATION).until(() -> readOrEmpty(hookRuns("b")).contains("success 2"));
					HostsFollower.Snapshot caughtUp = follower
						.awaitSnapshot((snapshot) -> snapshot.has("second.example"), PROPAGATION);
					assertThat(caughtUp.changeId()).isEqualTo(newestChangeId(postgres));
					assertThat(caughtUp.count()).isEqualTo(2);
					String newest = newestChangeId(postgres);
					await().atMost(PROPAGATION).untilAsserted(() -> {
						JsonNode details = hostsFileDetails(replicas.get(1));
						assertThat(details.path("feedChangeId").asString()).isEqualTo(newest);
						assertThat(details.path("renderedChangeId").asString()).isEqualTo(newest);
						assertThat(details.path("behindFeedMs").asLong()).isZero();
						assertThat(details.path("feedListening").asBoolean()).isTrue();
					});
				}
				finally {
					Channels.close(channelA);
				}
			}
			finally {
				replicas.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	@Test
	void aRollbackRacingAnImportOnAnotherReplicaIsRefusedAndARollbackReachesEveryReplica() throws Exception {
		SystemCommands.assume("setsid", "util-linux");
		Files.createDirectories(WORK);
		for (String replica : List.of("rollback-a", "rollback-b")) {
			Files.deleteIfExists(hostsFile(replica));
			Files.deleteIfExists(hookRuns(replica));
		}
		// The replicas start one after the other: two contexts starting at once in one JVM race to
		// configure logging. Each is closed however the test ends.
		try (PostgresServer postgres = PostgresServer.start();
				ConfigurableApplicationContext a = start(postgres, "rollback-a", "postgres");
				ConfigurableApplicationContext b = start(postgres, "rollback-b", "postgres")) {
			ManagedChannel channelA = Channels.local(grpcPort(a));
			ManagedChannel channelB = Channels.local(grpcPort(b));
			try {
				HostsServiceGrpc.HostsServiceBlockingStub hostsA = HostsServiceGrpc.newBlockingStub(channelA);
				HostsServiceGrpc.HostsServiceBlockingStub hostsB = HostsServiceGrpc.newBlockingStub(channelB);
				String kept = hostsA
					.addHost(AddHostRequest.newBuilder().setIpAddress("10.1.0.1").setHostname("kept.example").build())
					.getId();
				// B reads the history A wrote, as it reads the entries: from the one database.
				assertThat(HostHistoryGrpc.newBlockingStub(channelB)
					.entryHistory(EntryHistoryRequest.newBuilder().setId(kept).build())
					.getEventsList()).extracting(HistoryEvent::getOperation)
					.containsExactly(HistoryOperation.HISTORY_OPERATION_CREATED);
				String snapshot = hostsA.createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
				RollbackToSnapshotRequest rollback = RollbackToSnapshotRequest.newBuilder().setSnapshotId(snapshot).build();

				ImportCall importing = startImport(channelA, 5000);
				importing.firstResponse().get(30, TimeUnit.SECONDS);
				assertAborted(importing.done(),
						() -> hostsB.withDeadlineAfter(10, TimeUnit.SECONDS).rollbackToSnapshot(rollback));
				assertThat(importing.done().get(60, TimeUnit.SECONDS)).isEqualTo(Status.OK);
				await().atMost(PROPAGATION).until(() -> readOrEmpty(hostsFile("rollback-b")).contains("host4999.example"));

				long changesBefore = newestChangeSequence(postgres);
				assertThat(hostsA.rollbackToSnapshot(rollback).getRestoredEntryCount()).isEqualTo(1);
				assertThat(newestChangeSequence(postgres)).as("one change").isEqualTo(changesBefore + 1);
				await().atMost(PROPAGATION).untilAsserted(() -> assertThat(readOrEmpty(hostsFile("rollback-b")))
					.contains("kept.example")
					.doesNotContain("host0.example", "host4999.example"));
				await().atMost(PROPAGATION)
					.until(() -> readOrEmpty(hookRuns("rollback-b")).strip().endsWith("success 5001\nsuccess 1"));

				// A rollback held open (its copy waits on a lock taken from outside) keeps the bulk
				// lock: another rollback and an import, on the other replica, are refused meanwhile.
				try (Connection blocker = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "unused");
						Statement lock = blocker.createStatement()) {
					blocker.setAutoCommit(false);
					lock.execute("LOCK TABLE host_snapshot_entries IN EXCLUSIVE MODE");
					CompletableFuture<RollbackToSnapshotResponse> held = CompletableFuture
						.supplyAsync(() -> hostsA.rollbackToSnapshot(rollback));
					await().atMost(PROPAGATION).until(() -> !"0".equals(firstValue(postgres, "SELECT count(*) FROM "
							+ "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO host_snapshot_entries%'")));
					assertAborted(held,
							() -> hostsB.withDeadlineAfter(10, TimeUnit.SECONDS).rollbackToSnapshot(rollback));
					assertThat(startImport(channelB, 10).done().get(30, TimeUnit.SECONDS).getCode())
						.isEqualTo(Status.Code.ABORTED);
					blocker.rollback();
					assertThat(held.get(30, TimeUnit.SECONDS).getSuccess()).isTrue();
				}
			}
			finally {
				Channels.close(channelA);
				Channels.close(channelB);
			}
		}
	}

	/** The call fails ABORTED, refused by the bulk lock, while {@code holder} is still under way. */
	private static void assertAborted(CompletableFuture<?> holder, ThrowingCallable call) {
		assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
			assertThat(ex.getStatus().getDescription()).contains("another rollback or import is being applied");
		});
		assertThat(holder).as("the one holding the lock is still under way").isNotDone();
	}

	/** An import of {@code count} new entries, sent in one message. */
	private static ImportCall startImport(ManagedChannel channel, int count) {
		StringBuilder document = new StringBuilder();
		for (int i = 0; i < count; i++) {
			document.append("10.2.").append(i / 250).append('.').append(i % 250);
			document.append("\thost").append(i).append(".example\n");
		}
		byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);
		return ImportCall.start(channel, bytes, bytes.length, "hosts", "skip", false, Duration.ofSeconds(60));
	}

	private static ConfigurableApplicationContext start(PostgresServer postgres, String name, String user) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.grpc.server.port=0",
				"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + user,
				"--spring.datasource.password=unused", "--spring.datasource.hikari.connection-timeout=500",
				"--vigil.security.enabled=false", "--vigil.hosts.file.path=" + hostsFile(name),
				"--vigil.hosts.file.coalesce-delay=20ms", "--vigil.models.directory=" + WORK.resolve("no-models")));
		arguments.addAll(RecordingHook.arguments(hookRuns(name)));
		return new SpringApplicationBuilder(VigilApplication.class).run(arguments.toArray(String[]::new));
	}

	/** The {@code hostsFile} component's details, from the replica's actuator. */
	private static JsonNode hostsFileDetails(ConfigurableApplicationContext replica) throws Exception {
		int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/hostsFile")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JsonMapper.shared().readTree(response.body()).path("details");
	}

	private static int grpcPort(ConfigurableApplicationContext replica) {
		return replica.getBean(GrpcServerLifecycle.class).getPort();
	}

	private static Path hostsFile(String replica) {
		return WORK.resolve("hosts-" + replica);
	}

	private static Path hookRuns(String replica) {
		return WORK.resolve("hooks-" + replica + ".log");
	}

	private static long newestChangeSequence(PostgresServer postgres) throws SQLException {
		return Long.parseLong(firstValue(postgres, "SELECT MAX(seq) FROM host_changes"));
	}

	private static String newestChangeId(PostgresServer postgres) throws SQLException {
		return firstValue(postgres, "SELECT change_id FROM host_changes ORDER BY seq DESC LIMIT 1");
	}

	private static String firstValue(PostgresServer postgres, String query) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "unused");
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static void sql(PostgresServer postgres, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "unused");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
