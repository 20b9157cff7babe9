package dev.vigil.hosts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

}
