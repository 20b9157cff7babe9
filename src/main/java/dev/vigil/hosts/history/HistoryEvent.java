package dev.vigil.hosts.history;

import java.time.Instant;
import java.util.List;

import dev.vigil.hosts.registry.FieldChange;
import dev.vigil.hosts.registry.HistoryOperation;

/**
 * One row of an entry's history: what a change did to it, who made the change, and the version
 * the entry had after it (the version it had when a delete removed it).
 *
 * @param entryId the entry's id
 * @param sequence the change's place in the commit order
 * @param changeId the change's id, as the change feed and WatchHosts show it
 * @param changedAt when the change was made
 * @param operation what was done
 * @param caller the token's name, the client certificate's subject, or {@code anonymous}
 * @param changes the fields that changed, each before and after
 * @param version the entry's version after the change
 */
public record HistoryEvent(String entryId, long sequence, String changeId, Instant changedAt, HistoryOperation operation,
		String caller, List<FieldChange> changes, long version) {

	public HistoryEvent {
		changes = List.copyOf(changes);
	}

}
