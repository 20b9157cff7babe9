package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * What one writing transaction did to entries, gathered as it works and written to the history
 * once its change is known, in the same transaction ({@link HostsRegistry#write}).
 */
final class ChangedEntries {

	private final List<EntryChange> changes = new ArrayList<>();

	/** An entry that exists after the write, and what it was before (null: it did not exist). */
	void wrote(HistoryOperation operation, HostFields before, Host after) {
		this.changes.add(new EntryChange(after.id(), operation, FieldChange.between(before, after.fields()), after.version()));
	}

	/** An entry the write removed, as it was. */
	void removed(HistoryOperation operation, Host before) {
		this.changes.add(new EntryChange(before.id(), operation, FieldChange.between(before.fields(), null), before.version()));
	}

	List<EntryChange> all() {
		return this.changes;
	}

	/** One entry's row, before the change it belongs to is known. */
	record EntryChange(String entryId, HistoryOperation operation, List<FieldChange> changes, long version) {
	}

}
