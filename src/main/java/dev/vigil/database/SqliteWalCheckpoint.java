package dev.vigil.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.OneLine;

/**
 * Copies SQLite's write-ahead log into the database file beside the writes, on a connection of its
 * own. The writer connection never checkpoints ({@code wal_autocheckpoint=0}), so no write's commit
 * pays for copying the frames of the thousand commits before it, as SQLite's automatic checkpoint
 * makes one in every few hundred do. Each run copies in two passive passes, which wait for no
 * lock: the first beside the writes, the second, when frames were added meanwhile, in the write
 * path's turn, between two writes. Only a log copied to its end starts again from its beginning at
 * the next write; without the second pass, under a steady stream of writes, it would seldom be, and
 * the file could grow. The frames left after each run are a gauge and a detail of {@code db}: one
 * that keeps growing says a reader holds the log for longer than the interval. Checkpoints that
 * fail make {@code db} DEGRADED until one succeeds: the log then grows without bound.
 */
final class SqliteWalCheckpoint implements Runnable, AutoCloseable, DatabaseDetailsContributor {

	private static final Logger logger = LoggerFactory.getLogger(SqliteWalCheckpoint.class);

	private final DedicatedConnections connections;

	private final WritePath writes;

	/** The most the second pass waits for its turn; a run that does not get it leaves the tail to the next. */
	private final Duration turnWait;

	private final AtomicLong pending = new AtomicLong();

	/** Opened on the first run, again after a failure; guarded by this. */
	private Connection connection;

	/** Why the last run failed, null when it did not: a run of failures is one line, and its end another. */
	private volatile String failure;

	SqliteWalCheckpoint(DedicatedConnections connections, WritePath writes, Duration turnWait, MeterRegistry meters) {
		this.connections = connections;
		this.writes = writes;
		this.turnWait = turnWait;
		Gauge.builder("vigil.database.sqlite.wal.pending", this.pending, AtomicLong::get)
			.description("Frames of SQLite's write-ahead log not yet copied into the database file, as of the last checkpoint")
			.baseUnit("frames")
			.register(meters);
	}

	@Override
	public synchronized void run() {
		try {
			if (this.connection == null) {
				this.connection = this.connections.open();
			}
			long left = checkpoint(this.connection);
			if (left > 0) {
				left = checkpointBetweenWrites(left);
			}
			this.pending.set(left);
			if (this.failure != null) {
				this.failure = null;
				logger.info("database.checkpoint result=RECOVERED pending={}", left);
			}
		}
		catch (SQLException ex) {
			close();
			if (this.failure == null) {
				this.failure = OneLine.withType(ex);
				logger.warn("database.checkpoint result=FAILED error=\"{}\"", this.failure);
			}
		}
	}

	@Override
	public Optional<String> contribute(Connection connection, Map<String, Object> details) {
		details.put("walPendingFrames", this.pending.get());
		String failed = this.failure;
		return (failed != null)
				? Optional.of("SQLite's write-ahead log is not being copied into the database file: " + failed)
				: Optional.empty();
	}

	private long checkpointBetweenWrites(long left) throws SQLException {
		WritePath.Turn turn;
		try {
			turn = this.writes.enter(Optional.of(this.turnWait), () -> {
			});
		}
		catch (DatabaseUnavailableException busy) {
			return left;
		}
		try (turn) {
			return checkpoint(this.connection);
		}
	}

	/** The frames the checkpoint left in the log: none when it copied all, or when the file is not in WAL mode. */
	private static long checkpoint(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
			if (!result.next()) {
				return 0;
			}
			long frames = result.getLong(2);
			long copied = result.getLong(3);
			return (frames > copied) ? frames - copied : 0;
		}
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				logger.debug("database.checkpoint close error=\"{}\"", OneLine.withType(ex));
			}
			this.connection = null;
		}
	}

}
