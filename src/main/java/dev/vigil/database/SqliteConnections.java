package dev.vigil.database;

import com.zaxxer.hikari.HikariConfig;

/**
 * The SQLite driver settings of each kind of connection Vigil opens on one database file: the
 * writer, and read-only connections (reads and the db check), which {@code query_only} keeps from
 * writing even by mistake.
 */
final class SqliteConnections {

	private SqliteConnections() {
	}

	/**
	 * The writer never checkpoints in a commit ({@link SqliteWalCheckpoint} does, beside the writes),
	 * and runs no {@code SELECT last_insert_rowid()} after each insert for generated keys Vigil never
	 * reads.
	 */
	static void configureWriter(HikariConfig pool, DatabaseProperties.Sqlite settings) {
		pool.addDataSourceProperty("journal_mode", "WAL");
		pool.addDataSourceProperty("synchronous", settings.synchronous().name());
		pool.addDataSourceProperty("wal_autocheckpoint", "0");
		pool.addDataSourceProperty("jdbc.get_generated_keys", "false");
	}

	/**
	 * WAL is the file's own mode once the writer has set it, and a reader follows it; a reader that
	 * set it too raced the writer on a fresh file (both converting at once: one got SQLITE_BUSY,
	 * and a first start could fail in Flyway).
	 */
	static void configureReader(HikariConfig pool) {
		pool.setConnectionInitSql("PRAGMA query_only = 1");
	}

}
