package dev.vigil.hosts;

import dev.vigil.testing.VigilTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host API on the embedded SQLite default.
 */
@VigilTest
class SqliteHostsApiTest extends AbstractHostsApiTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/hosts-api.db");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-sqlite");
		registry.add("vigil.hosts.import-max-size", () -> "1MB");
	}

}
