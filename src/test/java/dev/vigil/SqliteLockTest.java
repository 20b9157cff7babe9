package dev.vigil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.Doors;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQLite's outage: another process holding an exclusive lock on the database file. Readiness leaves
 * on every door while the lock is held and returns once it is released; liveness stays.
 */
@VigilTest
class SqliteLockTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Test
	void lockedDatabaseLeavesReadinessUntilReleased() throws Exception {
		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort());
				Connection locker = DriverManager.getConnection("jdbc:sqlite:target/test-data/vigil.db");
				Statement statement = locker.createStatement()) {
			await().atMost(Duration.ofSeconds(10)).until(() -> doors.read().grpcReady());
			statement.execute("BEGIN EXCLUSIVE");
			statement.execute("CREATE TABLE IF NOT EXISTS lock_probe (id INTEGER)");
			Doors.View locked = await().atMost(Duration.ofSeconds(10))
				.until(doors::read, (view) -> !view.readyAnswers().contains(true));
			assertThat(locked.grpcReason()).startsWith("db: ");
			assertThat(locked.aliveAnswers()).containsOnly(true);
			statement.execute("ROLLBACK");
			Doors.View released = await().atMost(Duration.ofSeconds(10))
				.until(doors::read, (view) -> !view.readyAnswers().contains(false));
			assertThat(released.aliveAnswers()).containsOnly(true);
		}
	}

}
