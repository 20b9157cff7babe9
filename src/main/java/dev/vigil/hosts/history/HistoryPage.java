package dev.vigil.hosts.history;

import java.util.List;

/**
 * One page of history rows, and where the next starts.
 *
 * @param events the rows, in the order the read asked for
 * @param nextPageToken what to send for the next page; empty when this page is the last
 */
public record HistoryPage(List<HistoryEvent> events, String nextPageToken) {

	public HistoryPage {
		events = List.copyOf(events);
	}

}
