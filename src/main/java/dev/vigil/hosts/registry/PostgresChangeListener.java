package dev.vigil.hosts.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.database.DedicatedConnections;
import dev.vigil.support.Backoff;
import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.OneLine;
import dev.vigil.support.SecretRedactor;

/**
 * Hears other replicas' commits at once on PostgreSQL: {@code LISTEN} on a connection of its own;
 * each notification carries the committed change, so the feed moves on without a query. Its wait
 * blocks, so it runs on a thread of its own, each wait a moment long so that a stop is seen within
 * it. After an outage it reconnects with backoff and checks the feed first thing, so what was
 * committed meanwhile is caught up.
 */
class PostgresChangeListener extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(PostgresChangeListener.class);

	/** How long one wait for notifications lasts, so a stop is seen within it. */
	static final int WAIT_MILLIS = 250;

	/** A stop waits this long for the listening thread, beyond its one wait. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

	private final DedicatedConnections connections;

	private final ChangeFeed feed;

	private final SecretRedactor redactor;

	private volatile boolean listening;

	private Connection connection;

	private int failures;

	private long reconnectAtNanos = System.nanoTime();

	PostgresChangeListener(DedicatedConnections connections, ChangeFeed feed, SecretRedactor redactor) {
		super("hosts-listen", LifecyclePhases.HOSTS_FILE);
		this.connections = connections;
		this.feed = feed;
		this.redactor = redactor;
	}

	/** Whether the listening connection is open now. */
	public boolean listening() {
		return this.listening;
	}

	@Override
	protected void onStart() {
		threads("vigil-hosts-listen-", Ending.finish(STOP_WAIT)).newThread(this::listen).start();
	}

	private void listen() {
		while (isRunning()) {
			waitOnce();
		}
	}

	/** One wait for notifications; without a connection, one attempt to open it once its backoff is over. */
	synchronized void waitOnce() {
		try {
			if (this.connection == null && !connect()) {
				wait(WAIT_MILLIS);
				return;
			}
			PGNotification[] received = this.connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
			if (received != null) {
				for (PGNotification notification : received) {
					this.feed.moveTo(ChangeLog.announced(notification.getParameter()));
				}
			}
		}
		catch (SQLException ex) {
			disconnect();
			this.failures++;
			if (this.failures == 1) {
				logger.warn("hosts.feed.listen lost error=\"{}\"", this.redactor.redact(OneLine.of(ex)));
			}
			this.reconnectAtNanos = System.nanoTime() + RECONNECT.after(this.failures).toNanos();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	protected synchronized void onStopped() {
		disconnect();
	}

	private boolean connect() throws SQLException {
		if (System.nanoTime() - this.reconnectAtNanos < 0) {
			return false;
		}
		this.connection = this.connections.open();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("LISTEN " + ChangeLog.CHANNEL);
		}
		this.listening = true;
		if (this.failures > 0) {
			logger.info("hosts.feed.listen reconnected after={}", this.failures);
		}
		this.failures = 0;
		this.feed.check();
		return true;
	}

	private void disconnect() {
		this.listening = false;
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Broken already: nothing to release.
			}
			this.connection = null;
		}
	}

}
