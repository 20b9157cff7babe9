package dev.vigil.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.vigil.health.CheckRefresh;
import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;
import dev.vigil.support.SecretRedactor;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code db} component's check: runs the backend's validation query on a connection of its own,
 * never one the application's pool lends, so its latency is the database's and not the wait for a
 * connection busy with long work (on SQLite, read-only beside the writer). Details: {@code backend},
 * {@code latencyMs}, {@code error} (empty when healthy), the application pool's figures, and what
 * {@link DatabaseDetailsContributor}s add on the same connection; never the URL or credentials.
 * DEGRADED, with a {@code reason}, when a write has waited past its stall bound for the write lock
 * or its commit ({@link WriteStallWatch}: reads still work, and every replica shares the database),
 * or a contributor has a concern (the hosts history grown past its warning size); readiness serves
 * DEGRADED.
 */
class DatabaseHealthCheck implements ComponentCheck {

	/** How long the stalled write has waited, while a stall is reported. */
	static final String STALLED_WRITE_MS = "stalledWriteMs";

	private final DataSource connections;

	private final DataSource pool;

	private final DatabaseBackend backend;

	private final Duration queryTimeout;

	private final SecretRedactor redactor;

	private final List<DatabaseDetailsContributor> contributors;

	private final WriteStallWatch stalls;

	private final CheckRefresh refresh;

	DatabaseHealthCheck(DataSource connections, DataSource pool, DatabaseBackend backend, Duration queryTimeout,
			SecretRedactor redactor, List<DatabaseDetailsContributor> contributors, WriteStallWatch stalls,
			CheckRefresh refresh) {
		this.stalls = stalls;
		this.refresh = refresh;
		this.connections = connections;
		this.pool = pool;
		this.backend = backend;
		this.queryTimeout = queryTimeout;
		this.redactor = redactor;
		this.contributors = contributors;
	}

	@Override
	public Health check() {
		long start = System.nanoTime();
		try (Connection connection = this.connections.getConnection();
				Statement statement = connection.createStatement()) {
			statement.setQueryTimeout((int) Math.max(1, this.queryTimeout.toSeconds()));
			statement.execute(this.backend.validationQuery());
			Map<String, Object> details = details(start, "");
			List<String> concerns = new ArrayList<>();
			this.stalls.stall().ifPresent((stall) -> {
				concerns.add(stall.describe());
				details.put(STALLED_WRITE_MS, stall.waited().toMillis());
			});
			this.contributors.stream()
				.map((contributor) -> contributor.contribute(connection, details))
				.flatMap(Optional::stream)
				.forEach(concerns::add);
			if (concerns.isEmpty()) {
				return Health.up().withDetails(details).build();
			}
			details.put("reason", String.join("; ", concerns));
			return Health.status(HealthStatuses.DEGRADED).withDetails(details).build();
		}
		catch (SQLException ex) {
			String error = this.redactor.redact(ex.getMessage());
			return Health.down().withDetails(details(start, error)).build();
		}
	}

	/** A write stall's start and end, and a trial call that got through, run this check at once. */
	@Override
	public void refreshWith(Runnable refreshNow) {
		this.refresh.refreshWith(refreshNow);
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put(DatabaseHealthDetails.BACKEND, this.backend.id());
		if (this.pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			details.put("poolActive", pool.getActiveConnections());
			details.put("poolIdle", pool.getIdleConnections());
			details.put("poolTotal", pool.getTotalConnections());
			details.put("poolMax", hikari.getMaximumPoolSize());
			details.put("poolWaiting", pool.getThreadsAwaitingConnection());
		}
		return details;
	}

	private Map<String, Object> details(long startNanos, String error) {
		Map<String, Object> details = describe();
		details.put(DatabaseHealthDetails.LATENCY_MS, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
		details.put("error", error);
		return details;
	}

}
