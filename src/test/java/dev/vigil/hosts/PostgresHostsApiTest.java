package dev.vigil.hosts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.database.WritePath;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The host and snapshot APIs on a real PostgreSQL server.
 */
@VigilTest
@DirtiesContext
class PostgresHostsApiTest extends AbstractHostsApiTest {

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "hosts-Secret-93");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-postgres");
		registry.add("vigil.hosts.import-max-size", () -> "1MB");
		registry.add("vigil.hosts.snapshots.max-snapshots", () -> AbstractSnapshotsApiTest.MAX_SNAPSHOTS);
		registry.add("vigil.hosts.snapshots.schedule-interval", () -> "1h");
	}

	@Nested
	class SnapshotRpcs extends AbstractSnapshotsApiTest {

	}

	@Nested
	class GroupCommits extends AbstractGroupCommitTest {

		/**
		 * A lone AddHost sends the write lock ahead of its statement, in one round trip: while
		 * another replica holds the lock, it waits no longer than its caller's deadline, answers
		 * that the lock was not free and writes nothing; once the lock is free, it writes.
		 */
		@Test
		void aLoneCreationWaitsForAnotherReplicasLockNoLongerThanItsBound() throws Exception {
			long lock;
			try (WritePath.Turn turn = this.writePath.enter(Optional.empty(), () -> {
			})) {
				lock = turn.lockStatement().orElseThrow().key();
			}
			HostFields fields = new HostFields("10.9.5.1", "waits.example", List.of(), null, List.of());
			WriteCaller hurried = new WriteCaller() {

				@Override
				public String name() {
					return "hurried";
				}

				@Override
				public Optional<Duration> remaining() {
					return Optional.of(Duration.ofMillis(400));
				}

			};
			try (Connection otherReplica = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
					Statement statement = otherReplica.createStatement()) {
				statement.execute("SELECT pg_advisory_lock(" + lock + ")");
				long started = System.nanoTime();
				assertThatThrownBy(() -> this.writes.add(fields, hurried))
					.hasMessageStartingWith("the write lock was not free within 0.4 s");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
				assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_history WHERE caller = 'hurried'", Long.class))
					.isZero();
				statement.execute("SELECT pg_advisory_unlock(" + lock + ")");
			}
			assertThat(this.writes.add(fields, hurried).fields().hostname()).isEqualTo("waits.example");
			assertThat(this.hosts.listAll()).extracting(HostEntry::getHostname).containsExactly("waits.example");
		}

	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

}
