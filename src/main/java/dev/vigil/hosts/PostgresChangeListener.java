package dev.vigil.hosts;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.DedicatedConnections;
import dev.vigil.support.Backoff;
import dev.vigil.support.DaemonThreads;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.OneLine;
import dev.vigil.support.SecretRedactor;

import org.springframework.context.SmartLifecycle;

/**
 * Hears other replicas' commits at once on PostgreSQL: {@code LISTEN} on a connection of its own;
 * each notification carries the committed change, so the feed moves on without a query. After an outage it reconnects with backoff and checks
 * first thing, so what was committed meanwhile is caught up.
 */
class PostgresChangeListener implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PostgresChangeListener.class);

	/** How long one wait for notifications lasts, so a stop is seen within it. */
	private static final int WAIT_MILLIS = 250;

	private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

	private final DatabaseBackend backend;

	private final DedicatedConnections connections;

	private final ChangeFeed feed;

	private final SecretRedactor redactor;

	private volatile boolean running;

	private volatile boolean listening;

	private Thread thread;

	/** On any backend but PostgreSQL it never starts, and never listens. */
	PostgresChangeListener(DatabaseBackend backend, DedicatedConnections connections, ChangeFeed feed,
			SecretRedactor redactor) {
		this.backend = backend;
		this.connections = connections;
		this.feed = feed;
		this.redactor = redactor;
	}

	/** Whether the listening connection is open now. */
	boolean listening() {
		return this.listening;
	}

	@Override
	public synchronized void start() {
		if (this.running || this.backend != DatabaseBackend.POSTGRESQL) {
			return;
		}
		this.running = true;
		this.thread = DaemonThreads.named("vigil-hosts-listen-").newThread(this::run);
		this.thread.start();
	}

	@Override
	public void stop() {
		Thread current;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			current = this.thread;
		}
		current.interrupt();
		try {
			current.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.HOSTS_FILE;
	}

	private void run() {
		int failures = 0;
		while (this.running) {
			try (Connection connection = this.connections.open()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + ChangeLog.CHANNEL);
				}
				this.listening = true;
				if (failures > 0) {
					logger.info("hosts.feed.listen reconnected after={}", failures);
				}
				failures = 0;
				this.feed.check();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
					if (received != null) {
						for (PGNotification notification : received) {
							this.feed.announced(ChangeLog.announced(notification.getParameter()));
						}
					}
				}
			}
			catch (SQLException ex) {
				this.listening = false;
				failures++;
				if (this.running && failures == 1) {
					logger.warn("hosts.feed.listen lost error=\"{}\"", this.redactor.redact(OneLine.of(ex)));
				}
				if (!pause(RECONNECT.after(failures))) {
					return;
				}
			}
		}
		this.listening = false;
	}

	private boolean pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

}
