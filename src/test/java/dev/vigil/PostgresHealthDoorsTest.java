package dev.vigil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doors on a real PostgreSQL server, with a password that must never show.
 */
@VigilTest
@DirtiesContext
class PostgresHealthDoorsTest extends AbstractHealthDoorsTest {

	static final String PASSWORD = "pg-Secret-4417";

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, PASSWORD);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Override
	String expectedBackend() {
		return "postgresql";
	}

	@Test
	void passwordNeverShowsOnAnyDoor() {
		assertThat(this.doors.get("/actuator/health").body()).doesNotContain(PASSWORD);
		assertThat(this.doors.get("/actuator/prometheus").body()).doesNotContain(PASSWORD);
		assertThat(this.doors.health().toString()).doesNotContain(PASSWORD);
	}

}
