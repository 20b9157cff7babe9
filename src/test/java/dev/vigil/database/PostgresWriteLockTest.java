package dev.vigil.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.PostgresServer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The write lock across replicas on a real PostgreSQL: while another replica holds it, a write
 * waits for it no longer than its bound, answers that the lock was not free, and the bound ends
 * with its transaction.
 */
class PostgresWriteLockTest {

	static final PostgresServer postgres = PostgresServer.start();

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void aWriteWaitsForAnotherReplicasLockNoLongerThanItsBound() throws Exception {
		try (Connection otherReplica = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
				Statement statement = otherReplica.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + WritePath.WRITE_LOCK + ")");
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(postgres.jdbcUrl(), "postgres",
					"postgres", true);
			try {
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				WritePath writes = new WritePath(DatabaseBackend.POSTGRESQL, jdbc, Duration.ofSeconds(10), 1, System::nanoTime);
				TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
				long started = System.nanoTime();
				assertThatExceptionOfType(DatabaseUnavailableException.class).isThrownBy(() -> {
					try (WritePath.Turn turn = writes.enter(Optional.of(Duration.ofMillis(400)), () -> {
					})) {
						transactions.executeWithoutResult((status) -> turn.lockAcrossReplicas());
					}
				}).withMessageStartingWith("the write lock was not free within 0.4 s");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
				assertThat(jdbc.queryForObject("SHOW lock_timeout", String.class)).as("the bound ended with its transaction")
					.isEqualTo("0");
			}
			finally {
				dataSource.destroy();
			}
		}
	}

}
