package dev.vigil.database;

import java.time.Duration;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * Watches the connection pool for the state that says the database cannot be reached: not one
 * connection open while requests wait for one. Those requests would otherwise wait out the pool's
 * connection timeout before failing, and only then tell the {@code db} component; this tells it
 * within two looks. Two, because a pool replacing its last connection at the end of its lifetime
 * can pass through that state for a moment. Reads the pool's counters only: no I/O, no connection
 * borrowed.
 */
final class ConnectionPoolWatch implements Runnable {

	/** How often the pool's counters are read. */
	static final Duration EVERY = Duration.ofMillis(100);

	private final DataSource dataSource;

	private final DatabaseFailureSignal signal;

	private int starvedLooks;

	ConnectionPoolWatch(DataSource dataSource, DatabaseFailureSignal signal) {
		this.dataSource = dataSource;
		this.signal = signal;
	}

	@Override
	public void run() {
		HikariPoolMXBean pool = (this.dataSource instanceof HikariDataSource hikari) ? hikari.getHikariPoolMXBean() : null;
		boolean starved = pool != null && pool.getTotalConnections() == 0 && pool.getThreadsAwaitingConnection() > 0;
		this.starvedLooks = starved ? this.starvedLooks + 1 : 0;
		if (this.starvedLooks >= 2) {
			this.signal.poolStarved(pool.getThreadsAwaitingConnection());
		}
	}

}
