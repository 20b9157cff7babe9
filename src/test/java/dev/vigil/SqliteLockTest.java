package dev.vigil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Doors;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Another process holding SQLite's write lock is contention, not an outage: in WAL mode readers go
 * on beside it, so every readiness door stays ready and reads answer; a write waits for the lock up
 * to SQLite's busy timeout and is refused UNAVAILABLE, and tells the db component nothing; once the
 * lock is released, writes go through again.
 */
@VigilTest
class SqliteLockTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Test
	void anotherWriterHoldingTheFileLeavesReadinessAndReadsAlone() throws Exception {
		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort());
				Connection locker = DriverManager.getConnection("jdbc:sqlite:target/test-data/vigil.db");
				Statement statement = locker.createStatement()) {
			await().atMost(Duration.ofSeconds(10)).until(() -> doors.read().grpcReady());
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(doors.channel());
			String id = hosts.addHost(host("before-lock.example")).getId();
			statement.execute("BEGIN EXCLUSIVE");
			statement.execute("CREATE TABLE IF NOT EXISTS lock_probe (id INTEGER)");

			CompletableFuture<Status> write = CompletableFuture.supplyAsync(() -> {
				try {
					hosts.addHost(host("during-lock.example"));
					return Status.OK;
				}
				catch (StatusRuntimeException ex) {
					return ex.getStatus();
				}
			});
			List<Boolean> ready = new ArrayList<>();
			while (!write.isDone()) {
				ready.addAll(doors.read().readyAnswers());
				assertThat(hosts.getHost(GetHostRequest.newBuilder().setId(id).build()).getEntry().getHostname())
					.isEqualTo(this.run + ".before-lock.example");
			}
			assertThat(write.join().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(ready).as("every readiness door while the write waited").isNotEmpty().containsOnly(true);
			assertThat(doors.read().readyAnswers()).containsOnly(true);

			statement.execute("ROLLBACK");
			assertThat(hosts.addHost(host("after-lock.example")).getId()).isNotEmpty();
		}
	}

	/** Each run its own names: the test database outlives the run. */
	private final String run = Long.toString(System.nanoTime(), 36);

	private AddHostRequest host(String name) {
		return AddHostRequest.newBuilder().setIpAddress("10.9.0.1").setHostname(this.run + "." + name).build();
	}

}
