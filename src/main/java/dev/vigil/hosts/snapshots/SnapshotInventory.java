package dev.vigil.hosts.snapshots;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.database.DatabaseDetailsContributor;
import dev.vigil.support.OneLine;

/**
 * What snapshots there are, as the {@code db} component's details ({@code snapshots},
 * {@code newestSnapshotAgeSeconds}) and the {@code vigil_hosts_snapshots} gauge. Read by the
 * {@code db} check, so it counts every replica's snapshots and costs one query per check, none
 * per probe or scrape.
 */
class SnapshotInventory implements DatabaseDetailsContributor {

	private static final String SNAPSHOTS = "snapshots";

	private static final String NEWEST_AGE_SECONDS = "newestSnapshotAgeSeconds";

	private static final Logger logger = LoggerFactory.getLogger(SnapshotInventory.class);

	private final Clock clock;

	private volatile SnapshotSummary last = new SnapshotSummary(0, null);

	public SnapshotInventory(MeterRegistry meters, Clock clock) {
		this.clock = clock;
		Gauge.builder("vigil.hosts.snapshots", this, (inventory) -> inventory.last.count())
			.description("Snapshots stored, as of the last db check")
			.register(meters);
	}

	@Override
	public Optional<String> contribute(Connection connection, Map<String, Object> details) {
		try {
			SnapshotSummary summary = SnapshotRepository.summary(connection);
			this.last = summary;
			details.put(SNAPSHOTS, summary.count());
			if (summary.newestAt() != null) {
				// Another replica's clock may run a little ahead of ours.
				details.put(NEWEST_AGE_SECONDS,
						Math.max(0, Duration.between(summary.newestAt(), this.clock.instant()).toSeconds()));
			}
		}
		catch (SQLException ex) {
			logger.debug("hosts.snapshot.summary_failed error=\"{}\"", OneLine.of(ex));
		}
		return Optional.empty();
	}

}
