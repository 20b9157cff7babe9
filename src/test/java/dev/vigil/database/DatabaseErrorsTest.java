package dev.vigil.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.testing.LogLevels;
import dev.vigil.testing.Ports;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * Busy is not down, on real pools and a real SQLite file: a pool whose connections are all at work
 * and an SQLite file another connection is writing are contention (worth a retry, no outage), while
 * a database that refuses connections is an outage.
 */
class DatabaseErrorsTest {

	@TempDir
	Path directory;

	@Test
	void aPoolWhoseConnectionsAreAllAtWorkIsContention() throws Exception {
		try (HikariDataSource pool = pool("jdbc:sqlite:" + this.directory.resolve("busy.db"));
				Connection held = pool.getConnection()) {
			RuntimeException timeout = catchRuntimeException(() -> new JdbcTemplate(pool).execute("SELECT 1"));
			assertThat(timeout.getCause()).hasMessageContaining("Connection is not available");
			assertThat(DatabaseErrors.isUnavailable(timeout)).isTrue();
			assertThat(DatabaseErrors.isConnectionLost(timeout)).isFalse();
		}
	}

	@Test
	void aBusySqliteFileIsContention() throws Exception {
		String url = "jdbc:sqlite:" + this.directory.resolve("locked.db");
		// The pool's validation of its new connection meets the lock too, and logs it: expected here.
		try (LogLevels quiet = LogLevels.silence("com.zaxxer.hikari.pool.PoolBase");
				Connection locker = DriverManager.getConnection(url); Statement statement = locker.createStatement();
				HikariDataSource pool = pool(url + "?busy_timeout=100")) {
			statement.execute("CREATE TABLE t (i INTEGER)");
			statement.execute("BEGIN EXCLUSIVE");
			statement.execute("INSERT INTO t VALUES (1)");
			RuntimeException busy = catchRuntimeException(() -> new JdbcTemplate(pool).update("INSERT INTO t VALUES (2)"));
			assertThat(DatabaseErrors.isUnavailable(busy)).as("%s", busy).isTrue();
			assertThat(DatabaseErrors.isConnectionLost(busy)).isFalse();
			statement.execute("ROLLBACK");
		}
	}

	@Test
	void aDatabaseThatRefusesConnectionsIsAnOutage() {
		// The pool logs each refused attempt; here that is the point, not news.
		try (LogLevels quiet = LogLevels.silence("com.zaxxer.hikari.pool.PoolBase");
				HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + Ports.free() + "/vigil", 1_500)) {
			RuntimeException refused = catchRuntimeException(() -> new JdbcTemplate(pool).execute("SELECT 1"));
			assertThat(DatabaseErrors.isConnectionLost(refused)).as("%s", refused).isTrue();
			assertThat(DatabaseErrors.isUnavailable(refused)).isTrue();
		}
	}

	private static HikariDataSource pool(String url) {
		return pool(url, 250);
	}

	/**
	 * A pool of one connection; {@code timeoutMillis} long enough, where it matters, for an attempt
	 * to connect to have failed before the pool gives up (its failure is what the timeout carries).
	 */
	private static HikariDataSource pool(String url, long timeoutMillis) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setMaximumPoolSize(1);
		pool.setConnectionTimeout(timeoutMillis);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

}
