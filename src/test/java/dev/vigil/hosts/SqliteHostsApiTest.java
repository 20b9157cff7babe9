package dev.vigil.hosts;

import org.junit.jupiter.api.Nested;

import dev.vigil.testing.VigilTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host and snapshot APIs on the embedded SQLite default.
 */
@VigilTest
class SqliteHostsApiTest extends AbstractHostsApiTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/hosts-api.db");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-sqlite");
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

}
