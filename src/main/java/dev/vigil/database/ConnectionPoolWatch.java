package dev.vigil.database;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.vigil.support.DaemonThreads;
import dev.vigil.support.LifecyclePhases;

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

	private ScheduledExecutorService timer;

	ConnectionPoolWatch(DataSource dataSource, DatabaseFailureSignal signal) {
		this.dataSource = dataSource;
		this.signal = signal;
	}

	@Override
	public synchronized void start() {
		if (this.timer == null && this.dataSource instanceof HikariDataSource) {
			this.timer = DaemonThreads.scheduler("vigil-db-pool-watch-");
			this.timer.scheduleWithFixedDelay(this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
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
