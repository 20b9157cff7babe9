package dev.vigil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;
import dev.vigil.testing.ImportCall;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;
import dev.vigil.testing.VigilTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy embedded default: WAL mode lets the read pool and the db check's own connection go on
 * while the one writer imports or rolls back, in this process and in a second one on the same file.
 */
@VigilTest
class SqliteBusyDatabaseTest extends AbstractBusyDatabaseTest {

	static final Path WORK = Path.of("target/test-data").toAbsolutePath();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + WORK.resolve("busy.db"));
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-busy-sqlite");
	}

	@Test
	void aSecondProcessOnTheFileReadsAndStaysReadyWhileThisOneImports() throws Exception {
		int http = Ports.free();
		int grpc = Ports.free();
		try (VigilProcess other = VigilProcess.start(VigilProcess.classpathCommand("--server.port=" + http,
				"--spring.grpc.server.port=" + grpc, "--spring.datasource.url=jdbc:sqlite:" + WORK.resolve("busy.db"),
				"--vigil.security.enabled=false", "--vigil.hosts.file.path=" + WORK.resolve("hosts-busy-other"),
				"--vigil.models.directory=" + WORK.resolve("no-models"), "--vigil.ipc.enabled=false",
				"--vigil.health.defaults.interval=200ms", "--vigil.health.defaults.timeout=500ms"), WORK, Map.of(), http,
				WORK.resolve("busy-other.log"))) {
			other.awaitReady(Duration.ofSeconds(90));
			ManagedChannel channel = Channels.local(grpc);
			try {
				HostsServiceGrpc.HostsServiceBlockingStub reads = HostsServiceGrpc.newBlockingStub(channel)
					.withDeadlineAfter(30, TimeUnit.SECONDS);
				// Warm: the first call on a new channel and a new JVM measures their start, not the database.
				assertThat(reads.getHost(GetHostRequest.newBuilder().setId(this.seedId).build()).getEntry().getHostname())
					.isEqualTo("seed.example");
				ImportCall call = HostDocuments.start(this.channel, HostDocuments.document("10.3", "other", IMPORTED));
				List<Integer> readyz = new ArrayList<>();
				List<Duration> gets = new ArrayList<>();
				while (!call.done().isDone()) {
					readyz.add(other.readyzStatus());
					gets.add(timed(() -> reads.getHost(GetHostRequest.newBuilder().setId(this.seedId).build())));
				}
				assertThat(call.await().isOk()).as("the import: %s", call.done().join()).isTrue();
				assertThat(readyz).as("the other process's /readyz").hasSizeGreaterThanOrEqualTo(2).containsOnly(200);
				assertThat(gets).as("GetHost on the other process")
					.allSatisfy((took) -> assertThat(took).isLessThan(READ_BOUND));
			}
			finally {
				Channels.close(channel);
			}
		}
	}

}
