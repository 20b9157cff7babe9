package dev.vigil.database;

import java.time.Duration;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The pools Vigil opens beside the application's own, to the same database and as the same user:
 * SQLite's read pool, and the db check's connection, so that neither a busy writer nor a pool
 * full of long work makes the check wait. Not {@code DataSource} beans, so Spring Boot's own pool
 * stays the one {@code DataSource}; each closes with the context.
 */
final class ExtraPools implements AutoCloseable {

	/** SQLite's read pool; null on PostgreSQL, whose one pool serves reads too. */
	private final HikariDataSource readers;

	private final HikariDataSource check;

	private ExtraPools(HikariDataSource readers, HikariDataSource check) {
		this.readers = readers;
		this.check = check;
	}

	static ExtraPools open(DataSourceProperties properties, DatabaseBackend backend, DatabaseProperties.Sqlite sqlite,
			Duration checkTimeout) {
		HikariConfig check = pool(properties, "vigil-db-check", 1, checkTimeout);
		if (backend != DatabaseBackend.SQLITE) {
			return new ExtraPools(null, new HikariDataSource(check));
		}
		SqliteConnections.configureReader(check);
		HikariConfig readers = pool(properties, "vigil-db-read", sqlite.readConnections(), Duration.ofSeconds(2));
		SqliteConnections.configureReader(readers);
		return new ExtraPools(new HikariDataSource(readers), new HikariDataSource(check));
	}

	/** Reads outside transactions: through SQLite's read pool, or on PostgreSQL through the writer's pool. */
	ReadPoolJdbc reads(DataSource writer) {
		return (this.readers != null) ? ReadPoolJdbc.withReaders(writer, this.readers)
				: ReadPoolJdbc.sharingThePool(writer);
	}

	HikariDataSource check() {
		return this.check;
	}

	@Override
	public void close() {
		if (this.readers != null) {
			this.readers.close();
		}
		this.check.close();
	}

	/**
	 * A pool that starts at once and opens its first connection in the background, so the first
	 * check does not pay for it; a database away at start is the check's to report, not a failure
	 * to start.
	 */
	private static HikariConfig pool(DataSourceProperties properties, String name, int size, Duration connectTimeout) {
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(properties.determineUrl());
		pool.setUsername(properties.determineUsername());
		pool.setPassword(properties.determinePassword());
		pool.setDriverClassName(properties.determineDriverClassName());
		pool.setPoolName(name);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(Math.min(1, size));
		pool.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

}
