package dev.vigil.hosts.history;

import java.util.Map;

/**
 * How large the history is.
 *
 * @param rows rows stored, every entry's
 * @param largest the entries with the most rows and their counts, most first
 */
record HistorySummary(long rows, Map<String, Long> largest) {

	long largestEntry() {
		return this.largest.values().stream().findFirst().orElse(0L);
	}

}
