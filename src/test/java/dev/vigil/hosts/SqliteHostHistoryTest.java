package dev.vigil.hosts;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each entry's history on the embedded SQLite default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/history/vigil.db",
				"vigil.hosts.file.path=target/test-data/history/hosts", "vigil.models.directory=target/test-data/no-models" })
class SqliteHostHistoryTest extends AbstractHostHistoryTest {

	@DynamicPropertySource
	static void history(DynamicPropertyRegistry registry) {
		settings(registry);
	}

}
