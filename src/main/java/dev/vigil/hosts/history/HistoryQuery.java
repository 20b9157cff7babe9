package dev.vigil.hosts.history;

import java.time.Instant;
import java.util.Optional;

import dev.vigil.hosts.registry.HistoryOperation;

/**
 * Which rows of the history a "changes since" read wants: those after a change (by its id) or
 * after a time, or all; made by a caller, or of an operation, or any.
 */
public record HistoryQuery(Optional<String> sinceChangeId, Optional<Instant> sinceTime, Optional<String> caller,
		Optional<HistoryOperation> operation) {

	/** Every row. */
	public static final HistoryQuery ALL = new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
			Optional.empty());

}
