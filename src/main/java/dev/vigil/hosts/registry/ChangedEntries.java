package dev.vigil.hosts.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one write does to entries, gathered as it works and written to the history once its change
 * is known, in the same transaction ({@link GroupCommit}). Each entry's changed fields are kept as
 * the column's JSON, made at once: an import gathers one per entry, and a short string each held
 * to the commit costs the collector far less than the field lists.
 * <p>
 * A write records each entry as soon as it has written it: one that fails having recorded nothing
 * has written nothing, and fails alone without undoing the writes committed beside it.
 */
public final class ChangedEntries {

	private final List<EntryChange> changes = new ArrayList<>();

	private final HostRepository repository;

	private final ChangeLog log;

	private final String caller;

	private final Supplier<Instant> clock;

	private final TransactionEnds ends;

	/** The change appended with the write's first statement (PostgreSQL's {@link #create}), else null. */
	private Change appended;

	ChangedEntries(HostRepository repository, ChangeLog log, String caller, Supplier<Instant> clock,
			TransactionEnds ends) {
		this.repository = repository;
		this.log = log;
		this.caller = caller;
		this.clock = clock;
		this.ends = ends;
	}

	/**
	 * Creates the entry unless one holds its address and name already, and records it. False when
	 * refused, having written nothing. As a write's first statement on PostgreSQL, it appends the
	 * write's change in the same statement (one round trip for the entry, its change, its history
	 * row and its notification, and the lock and the commit when it carries them), after which the
	 * write records nothing more.
	 */
	public boolean create(Host host) {
		EntryChange row = row(HistoryOperation.CREATED, null, host);
		if (this.changes.isEmpty() && this.log.appendsWithCreation()) {
			Optional<Change> change = this.log.appendCreating(host, row, this.clock.get(), this.caller, this.ends);
			change.ifPresent((appendedWith) -> {
				this.appended = appendedWith;
				this.changes.add(row);
			});
			return change.isPresent();
		}
		if (!this.repository.insertNew(host)) {
			return false;
		}
		record(row);
		return true;
	}

	/** An entry that exists after the write, and what it was before (null: it did not exist). */
	public void wrote(HistoryOperation operation, HostFields before, Host after) {
		record(row(operation, before, after));
	}

	/** An entry the write removed, as it was. */
	public void removed(HistoryOperation operation, Host before) {
		String changes = HistoryCapture.encode(FieldChange.between(before.fields(), null));
		record(new EntryChange(before.id(), operation, changes, before.version()));
	}

	private void record(EntryChange row) {
		if (this.appended != null) {
			throw new IllegalStateException("the write's change is appended already: it records nothing more");
		}
		this.changes.add(row);
	}

	private static EntryChange row(HistoryOperation operation, HostFields before, Host after) {
		String changes = HistoryCapture.encode(FieldChange.between(before, after.fields()));
		return new EntryChange(after.id(), operation, changes, after.version());
	}

	/**
	 * The write's change: the one appended with its creation, else, when the write {@code changed}
	 * anything, one appended now with its rows; null when it changed nothing.
	 */
	Change change(boolean changed) {
		if (this.appended != null) {
			return this.appended;
		}
		return changed ? this.log.append(this.clock.get(), this.caller, this.changes) : null;
	}

	/** Whether the write has recorded nothing, so has written nothing. */
	boolean untouched() {
		return this.changes.isEmpty();
	}

	/** One entry's row, before the change it belongs to is known; {@code changes} is the column's JSON. */
	record EntryChange(String entryId, HistoryOperation operation, String changes, long version) {
	}

}
