package dev.vigil.hosts;

import org.junit.jupiter.api.AfterAll;

import dev.vigil.testing.PostgresServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each entry's history on a real PostgreSQL server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "vigil.hosts.file.path=target/test-data/history-postgres/hosts",
				"vigil.models.directory=target/test-data/no-models" })
@DirtiesContext
class PostgresHostHistoryTest extends AbstractHostHistoryTest {

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void history(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "history-Secret-41");
		settings(registry);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

}
