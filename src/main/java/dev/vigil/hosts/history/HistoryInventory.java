package dev.vigil.hosts.history;

import java.sql.Connection;
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
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.support.OneLine;

/**
 * How large the hosts history is, as the {@code db} component's details ({@code historyRows},
 * {@code largestEntryHistory}) and the {@code vigil_hosts_history_rows} gauge; a concern, which
 * makes {@code db} DEGRADED (readiness serves it), once an entry has more rows than
 * {@code warn-entry-size}, naming the largest so that they can be compacted. Counting groups every
 * row, so it runs on a timer of its own ({@link #recount()}), and only after something changed: the
 * {@code db} check reads the last count and never waits for one, so a large history cannot make it
 * time out.
 */
class HistoryInventory implements DatabaseDetailsContributor {

	/** The most entries a concern names. */
	private static final int LISTED = 5;

	private static final Logger logger = LoggerFactory.getLogger(HistoryInventory.class);

	private final HistoryRepository store;

	private final ChangeFeed feed;

	private final HostHistory history;

	private final HistorySettings settings;

	private volatile Read last;

	HistoryInventory(HistoryRepository store, ChangeFeed feed, HostHistory history, HistorySettings settings,
			MeterRegistry meters) {
		this.store = store;
		this.feed = feed;
		this.history = history;
		this.settings = settings;
		Gauge.builder("vigil.hosts.history.rows", this, (inventory) -> {
			Read read = inventory.last;
			return (read != null) ? read.summary().rows() : 0;
		}).description("Hosts history rows stored, as of the last count").register(meters);
	}

	/**
	 * Counts the rows again when a change or a compaction or prune here happened since the last
	 * count. Never throws: a failure is logged and the next run tries again.
	 */
	void recount() {
		Read read = this.last;
		Change newest = this.feed.newest();
		long maintenance = this.history.maintenance();
		if (read != null && read.change().equals(newest) && read.maintenance() == maintenance) {
			return;
		}
		try {
			this.last = new Read(this.store.summary(LISTED), newest, maintenance);
		}
		catch (RuntimeException ex) {
			logger.debug("hosts.history.count_failed error=\"{}\"", OneLine.of(ex));
		}
	}

	@Override
	public Optional<String> contribute(Connection connection, Map<String, Object> details) {
		Read read = this.last;
		if (read == null) {
			return Optional.empty();
		}
		details.put("historyRows", read.summary().rows());
		details.put("largestEntryHistory", read.summary().largestEntry());
		return concern(read.summary());
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
	private record Read(HistorySummary summary, Change change, long maintenance) {
	}

}
