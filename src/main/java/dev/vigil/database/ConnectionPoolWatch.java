package dev.vigil.database;

import java.time.Duration;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the connection pool for the state that says the database cannot be reached: not one
 * connection open while requests wait for one. Those requests would otherwise wait out the pool's
 * connection timeout before failing, and only then tell the {@code db} component; this tells it
 * within one look. Reads the pool's counters only: no I/O, no connection borrowed.
 */
final class ConnectionPoolWatch implements SmartLifecycle {

	private static final Duration EVERY = Duration.ofMillis(100);

	private final DataSource dataSource;

	private final DatabaseFailureSignal signal;

	private final PeriodicTask watch;

	ConnectionPoolWatch(DataSource dataSource, DatabaseFailureSignal signal) {
		this.dataSource = dataSource;
		this.signal = signal;
		this.watch = new PeriodicTask("vigil-db-pool-watch-", EVERY, this::look);
	}

	@Override
	public void start() {
		if (this.dataSource instanceof HikariDataSource) {
			this.watch.start();
		}
	}

	@Override
	public void stop() {
		this.watch.stop();
	}

	@Override
	public boolean isRunning() {
		return this.watch.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.HEALTH_CHECKS;
	}

	private void look() {
		HikariPoolMXBean pool = ((HikariDataSource) this.dataSource).getHikariPoolMXBean();
		if (pool != null && pool.getTotalConnections() == 0 && pool.getThreadsAwaitingConnection() > 0) {
			this.signal.poolStarved(pool.getThreadsAwaitingConnection());
		}
	}

}
