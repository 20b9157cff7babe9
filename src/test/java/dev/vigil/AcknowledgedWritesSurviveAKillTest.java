package dev.vigil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Ports;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every write Vigil acknowledged stands after a SIGKILL in the middle of eight writers' load, on
 * SQLite and on PostgreSQL, with its change and its history row: writes committed together are
 * answered only once their commit has returned.
 */
class AcknowledgedWritesSurviveAKillTest {

	private static final Path WORK = Path.of("target/test-data/kill");

	private static final int WRITERS = 8;

	@Test
	void onSqlite() throws Exception {
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		String url = "jdbc:sqlite:" + WORK.toAbsolutePath().resolve("kill.db");
		writeThenKill(List.of("--spring.datasource.url=" + url), () -> DriverManager.getConnection(url));
	}

	@Test
	void onPostgres() throws Exception {
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		try (PostgresServer postgres = PostgresServer.start()) {
			writeThenKill(List.of("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres"),
					() -> DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres"));
		}
	}

	private void writeThenKill(List<String> database, Connector connector) throws Exception {
		int http = Ports.free();
		int grpc = Ports.free();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + http, "--spring.grpc.server.port=" + grpc,
				"--vigil.security.enabled=false", "--vigil.hosts.file.path=" + WORK.resolve("hosts"),
				"--vigil.models.directory=" + WORK.resolve("no-models"), "--vigil.ipc.enabled=false"));
		arguments.addAll(database);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicBoolean killed = new AtomicBoolean();
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		try (VigilProcess vigil = VigilProcess.start(VigilProcess.classpathCommand(arguments.toArray(String[]::new)), WORK,
				Map.of(), http, WORK.resolve("vigil.log"))) {
			vigil.awaitReady(Duration.ofSeconds(90));
			ManagedChannel channel = Channels.local(grpc);
			try {
				HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
				for (int w = 0; w < WRITERS; w++) {
					int writer = w;
					writers.execute(() -> {
						for (int i = 0; !killed.get(); i++) {
							try {
								acknowledged.add(hosts.withDeadlineAfter(10, TimeUnit.SECONDS)
									.addHost(AddHostRequest.newBuilder()
										.setIpAddress("10." + writer + "." + (i / 250) + "." + (i % 250))
										.setHostname("k" + writer + "-" + i + ".example")
										.build())
									.getId());
							}
							catch (StatusRuntimeException ex) {
								// The kill: the calls in flight are the ones nobody was told about.
								return;
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 500);
				killed.set(true);
				vigil.kill();
			}
			finally {
				writers.shutdown();
				assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
				Channels.close(channel);
			}
		}
		List<String> missing = new ArrayList<>();
		try (Connection connection = connector.connect();
				PreparedStatement entry = connection.prepareStatement(
						"SELECT (SELECT COUNT(*) FROM host_entries WHERE id = ?), (SELECT COUNT(*) FROM host_history h "
								+ "JOIN host_changes c ON c.seq = h.change_seq WHERE h.entry_id = ?)")) {
			for (String id : acknowledged) {
				entry.setString(1, id);
				entry.setString(2, id);
				try (ResultSet row = entry.executeQuery()) {
					row.next();
					if (row.getInt(1) != 1 || row.getInt(2) != 1) {
						missing.add(id);
					}
				}
			}
		}
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
		assertThat(missing).as("acknowledged writes without their entry, change and history row after the kill").isEmpty();
	}

	@FunctionalInterface
	private interface Connector {

		Connection connect() throws Exception;

	}

}
