package dev.vigil.hosts.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.testing.PostgresServer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change log keeps the newest {@code vigil.hosts.changes.retained} changes: every hundredth
 * append drops the older ones, on PostgreSQL in the append's own statement, on SQLite after it.
 */
class ChangeLogPruningTest {

	static final PostgresServer postgres = PostgresServer.start();

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void postgresqlPrunesInTheAppendsStatement() {
		keepsTheNewest(DatabaseBackend.POSTGRESQL, new DriverManagerDataSource(postgres.jdbcUrl(), "postgres", "postgres"));
	}

	@Test
	void sqlitePrunesAfterTheAppend(@TempDir Path directory) {
		keepsTheNewest(DatabaseBackend.SQLITE, new DriverManagerDataSource("jdbc:sqlite:" + directory.resolve("changes.db")));
	}

	private static void keepsTheNewest(DatabaseBackend backend, DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		ChangeLog log = new ChangeLog(jdbc, backend, new HistoryCapture(jdbc), Clock.systemUTC(), 150);
		for (int i = 0; i < 199; i++) {
			log.append(Instant.now(), "pruner", List.of());
		}
		assertThat(jdbc.queryForObject("SELECT count(*) FROM host_changes", Long.class)).as("none past 150 until the 200th")
			.isEqualTo(199);
		for (int i = 0; i < 51; i++) {
			log.append(Instant.now(), "pruner", List.of());
		}
		assertThat(jdbc.queryForObject("SELECT min(seq) FROM host_changes", Long.class)).isEqualTo(51);
		assertThat(jdbc.queryForObject("SELECT max(seq) FROM host_changes", Long.class)).isEqualTo(250);
		assertThat(log.newest().sequence()).isEqualTo(250);
	}

}
