package dev.vigil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.Ports;
import dev.vigil.testing.RecordingHook;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.VigilProcess;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

import static dev.vigil.testing.TextFiles.readOrEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two processes on one SQLite file, which share no notification: each finds the other's commits
 * by its timed check of the newest change id, re-renders its hosts file and runs its hooks, and a
 * WatchHosts follower on one sees the other's write as a new snapshot.
 */
class SqliteReplicasTest {

	static final Path WORK = Path.of("target/test-data/sqlite-replicas").toAbsolutePath();

	/** The check interval set below, plus rendering and slack for a slow machine. */
	static final Duration PROPAGATION = Duration.ofSeconds(10);

	@Test
	void twoProcessesOnOneFileFollowEachOthersWrites() throws Exception {
		SystemCommands.assume("setsid", "util-linux");
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
		int httpB = Ports.free();
		int grpcB = Ports.free();
		try (ConfigurableApplicationContext a = new SpringApplicationBuilder(VigilApplication.class)
			.run(arguments("a", "--server.port=0", "--spring.grpc.server.port=0").toArray(String[]::new));
				VigilProcess b = VigilProcess.start(
						VigilProcess.classpathCommand(
								arguments("b", "--server.port=" + httpB, "--spring.grpc.server.port=" + grpcB)
									.toArray(String[]::new)),
						WORK, Map.of(), httpB, WORK.resolve("b.log"))) {
			b.awaitReady(Duration.ofSeconds(90));
			ManagedChannel channelA = Channels.local(a.getBean(GrpcServerLifecycle.class).getPort());
			ManagedChannel channelB = Channels.local(grpcB);
			try (HostsFollower follower = HostsFollower.follow(grpcB)) {
				String before = follower.awaitSnapshot((snapshot) -> true, PROPAGATION).changeId();

				HostsServiceGrpc.newBlockingStub(channelA)
					.addHost(AddHostRequest.newBuilder().setIpAddress("10.2.0.1").setHostname("from-a.example").build());
				await().atMost(PROPAGATION).until(() -> readOrEmpty(WORK.resolve("hosts-b")).contains("from-a.example"));
				await().atMost(PROPAGATION).until(() -> readOrEmpty(WORK.resolve("hooks-b.log")).contains("success 1"));
				HostsFollower.Snapshot seen = follower.awaitSnapshot((snapshot) -> snapshot.has("from-a.example"),
						PROPAGATION);
				assertThat(seen.changeId()).isNotEqualTo(before);

				HostsServiceGrpc.newBlockingStub(channelB)
					.addHost(AddHostRequest.newBuilder().setIpAddress("10.2.0.2").setHostname("from-b.example").build());
				await().atMost(PROPAGATION).until(() -> readOrEmpty(WORK.resolve("hosts-a")).contains("from-b.example"));
				await().atMost(PROPAGATION).until(() -> readOrEmpty(WORK.resolve("hooks-a.log")).contains("success 2"));
			}
			finally {
				Channels.close(channelA);
				Channels.close(channelB);
			}
		}
	}

	private static List<String> arguments(String name, String... ports) {
		List<String> arguments = new ArrayList<>(List.of(ports));
		arguments.addAll(List.of("--spring.datasource.url=jdbc:sqlite:" + WORK.resolve("vigil.db"),
				"--vigil.security.enabled=false", "--vigil.hosts.file.path=" + WORK.resolve("hosts-" + name),
				"--vigil.hosts.changes.check-interval=200ms", "--vigil.models.directory=" + WORK.resolve("no-models"),
				"--vigil.ipc.enabled=false"));
		arguments.addAll(RecordingHook.arguments(WORK.resolve("hooks-" + name + ".log")));
		return arguments;
	}


}
