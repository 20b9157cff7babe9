package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * What one writing transaction did to entries, gathered as it works and written to the history
 * once its change is known, in the same transaction ({@link HostWrites}). Each entry's
 * changed fields are kept as the column's JSON, made at once: an import gathers one per entry,
 * and a short string each held to the commit costs the collector far less than the field lists.
 */
public final class ChangedEntries {

	private final List<EntryChange> changes = new ArrayList<>();

	/** An entry that exists after the write, and what it was before (null: it did not exist). */
	public void wrote(HistoryOperation operation, HostFields before, Host after) {
		String changes = HistoryCapture.encode(FieldChange.between(before, after.fields()));
		this.changes.add(new EntryChange(after.id(), operation, changes, after.version()));
	}

	/** An entry the write removed, as it was. */
	public void removed(HistoryOperation operation, Host before) {
		String changes = HistoryCapture.encode(FieldChange.between(before.fields(), null));
		this.changes.add(new EntryChange(before.id(), operation, changes, before.version()));
	}

	List<EntryChange> all() {
		return this.changes;
	}

	/** One entry's row, before the change it belongs to is known; {@code changes} is the column's JSON. */
	record EntryChange(String entryId, HistoryOperation operation, String changes, long version) {
	}

}
