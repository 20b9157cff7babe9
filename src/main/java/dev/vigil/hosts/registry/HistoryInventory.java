package dev.vigil.hosts.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.database.DatabaseDetailsContributor;
import dev.vigil.hosts.HostsProperties.HistorySettings;
import dev.vigil.support.OneLine;

/**
 * How large the hosts history is, as the {@code db} component's details ({@code historyRows},
 * {@code largestEntryHistory}) and the {@code vigil_hosts_history_rows} gauge; a concern, which
 * makes {@code db} DEGRADED (readiness serves it), once an entry has more rows than
 * {@code warn-entry-size}, naming the largest so that they can be compacted. Counting groups every
 * row, so it is read again only when something changed, and then at most once per
 * {@code summary-interval}, or at once after a compaction or a prune here.
 */
class HistoryInventory implements DatabaseDetailsContributor {

	/** The most entries a concern names. */
	private static final int LISTED = 5;

	private static final Logger logger = LoggerFactory.getLogger(HistoryInventory.class);

	private final ChangeFeed feed;

	private final HostHistory history;

	private final HistorySettings settings;

	private final Clock clock;

	private volatile Read last;

	HistoryInventory(ChangeFeed feed, HostHistory history, HistorySettings settings, MeterRegistry meters, Clock clock) {
		this.feed = feed;
		this.history = history;
		this.settings = settings;
		this.clock = clock;
		Gauge.builder("vigil.hosts.history.rows", this, (inventory) -> {
			Read read = inventory.last;
			return (read != null) ? read.summary().rows() : 0;
		}).description("Hosts history rows stored, as of the last db check that counted them").register(meters);
	}

	@Override
	public Optional<String> contribute(Connection connection, Map<String, Object> details) {
		try {
			HistorySummary summary = summary(connection);
			details.put("historyRows", summary.rows());
			details.put("largestEntryHistory", summary.largestEntry());
			return concern(summary);
		}
		catch (SQLException ex) {
			logger.debug("hosts.history.summary_failed error=\"{}\"", OneLine.of(ex));
			return Optional.empty();
		}
	}

	private HistorySummary summary(Connection connection) throws SQLException {
		Read read = this.last;
		Change newest = this.feed.newest();
		long maintenance = this.history.maintenance();
		Instant now = this.clock.instant();
		boolean due = read == null || read.maintenance() != maintenance
				|| (!read.change().equals(newest) && !now.isBefore(read.at().plus(this.settings.summaryInterval())));
		if (due) {
			read = new Read(HistoryRepository.summary(connection, LISTED), newest, maintenance, now);
			this.last = read;
		}
		return read.summary();
	}

	private Optional<String> concern(HistorySummary summary) {
		int warn = this.settings.warnEntrySize();
		Map<String, Long> over = summary.largest()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > warn)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
		if (over.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("host history: entries with more than " + warn + " rows, compact them (vigil compact --over "
				+ warn + "): " + over.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " (" + entry.getValue() + ")")
					.collect(Collectors.joining(", ")));
	}

	/** A count, and what it was read as of. */
	private record Read(HistorySummary summary, Change change, long maintenance, Instant at) {
	}

}
