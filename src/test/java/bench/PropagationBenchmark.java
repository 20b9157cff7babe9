package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.ManagedChannel;

import dev.vigil.VigilApplication;
import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.hosts.HostsFileRenderedEvent;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * How long a change committed on replica A takes to reach replica B: until B has rendered its
 * hosts file with it, and until a WatchHosts follower connected to B has the SnapshotComplete
 * that includes it. Two replicas with shipped settings, on PostgreSQL (LISTEN/NOTIFY) and on one
 * SQLite file (the timed check); 200 AddHost calls on A, one at a time, each waited for on B.
 * Run it with {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@propagation}; see
 * {@code docs/benchmarks.md}.
 */
public final class PropagationBenchmark {

	private static final int WRITES = 200;

	private PropagationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Files.createTempDirectory("vigil-propagation-bench");
		List<String> lines = new ArrayList<>();
		try {
			try (PostgresServer postgres = PostgresServer.start()) {
				String[] database = { "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
						"--spring.datasource.password=postgres" };
				lines.addAll(measure("PostgreSQL", directory.resolve("pg"), database));
			}
			lines.addAll(measure("SQLite", directory.resolve("sqlite"),
					new String[] { "--spring.datasource.url=jdbc:sqlite:" + directory.resolve("bench.db") }));
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
		Figures.printTable("| database | from a commit on A to | p50 | p99 | max |",
				"|---|---|---:|---:|---:|", lines);
	}

	private static List<String> measure(String name, Path directory, String[] database) throws Exception {
		Map<Long, Long> rendered = new ConcurrentHashMap<>();
		try (ConfigurableApplicationContext a = start(directory.resolve("a"), database);
				ConfigurableApplicationContext b = start(directory.resolve("b"), database)) {
			b.addApplicationListener(ApplicationListener.<HostsFileRenderedEvent>forPayload(
					(event) -> rendered.putIfAbsent(event.entryCount(), System.nanoTime())));
			ManagedChannel channel = Channels.local(a.getBean(GrpcServerLifecycle.class).getPort());
			try (HostsFollower follower = HostsFollower.follow(b.getBean(GrpcServerLifecycle.class).getPort())) {
				HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
				follower.awaitSnapshot((snapshot) -> true, Duration.ofSeconds(30));
				List<Long> toRender = new ArrayList<>();
				List<Long> toFollower = new ArrayList<>();
				for (int i = 1; i <= WRITES; i++) {
					int count = i;
					hosts.addHost(AddHostRequest.newBuilder()
						.setIpAddress("10.3." + (i / 250) + "." + (i % 250))
						.setHostname("p" + i + ".bench.example")
						.build());
					long committed = System.nanoTime();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> rendered.containsKey((long) count));
					HostsFollower.Snapshot snapshot = follower.awaitSnapshot((seen) -> seen.count() == count, Duration.ofSeconds(30));
					toRender.add(rendered.get((long) count) - committed);
					toFollower.add(snapshot.receivedNanos() - committed);
				}
				return List.of(line(name, "B's hosts file rendered", toRender), line(name, "follower on B has the snapshot", toFollower));
			}
			finally {
				Channels.close(channel);
			}
		}
	}

	private static String line(String database, String what, List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return String.format("| %s | %s | %d ms | %d ms | %d ms |", database, what, millis(sorted, 0.50), millis(sorted, 0.99),
				sorted.get(sorted.size() - 1) / 1_000_000);
	}

	private static long millis(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1_000_000;
	}

	private static ConfigurableApplicationContext start(Path directory, String[] database) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.grpc.server.port=0",
				"--logging.level.root=warn", "--vigil.security.enabled=false", "--vigil.ipc.enabled=false",
				"--vigil.hosts.file.path=" + directory.resolve("hosts"), "--vigil.models.directory=" + directory.resolve("models")));
		arguments.addAll(List.of(database));
		return new SpringApplicationBuilder(VigilApplication.class).run(arguments.toArray(String[]::new));
	}

}
