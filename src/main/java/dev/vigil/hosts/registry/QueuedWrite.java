package dev.vigil.hosts.registry;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.vigil.hosts.registry.HostWrites.WriteCaller;

/**
 * One write on its way through {@link GroupCommit}: its caller and work, whether it is still
 * queued, taken into a group or withdrawn, and its outcome once known.
 */
final class QueuedWrite<T> {

	private static final int QUEUED = 0;

	private static final int TAKEN = 1;

	private static final int WITHDRAWN = 2;

	private final AtomicInteger state = new AtomicInteger(QUEUED);

	private final WriteCaller caller;

	private final Function<ChangedEntries, T> work;

	private final Predicate<T> changed;

	private final Kind kind;

	private T result;

	private Change change;

	private RuntimeException failure;

	private volatile boolean done;

	QueuedWrite(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed, Kind kind) {
		this.caller = caller;
		this.work = work;
		this.changed = changed;
		this.kind = kind;
	}

	/** What a write does, which decides how its transaction runs. */
	enum Kind {

		/** Creates an entry, with one statement ({@link ChangedEntries#create}) and nothing after it. */
		CREATION,

		/** Reads before it writes, or writes no entry. */
		CHANGE,

		/** A rollback or an import: refused while another is applied on any replica. */
		EXCLUSIVE

	}

	WriteCaller caller() {
		return this.caller;
	}

	Function<ChangedEntries, T> work() {
		return this.work;
	}

	Predicate<T> changed() {
		return this.changed;
	}

	Kind kind() {
		return this.kind;
	}

	/** Waiting for a leader to take it: it can still give up. */
	boolean queued() {
		return this.state.get() == QUEUED;
	}

	/** Into a group: it can no longer give up. */
	boolean take() {
		return this.state.compareAndSet(QUEUED, TAKEN);
	}

	/** Gives up while still queued; false once a group has taken it. */
	boolean withdraw() {
		return this.state.compareAndSet(QUEUED, WITHDRAWN);
	}

	/** Its work ran in the group's transaction; it stands once that commits. */
	void staged(T result, Change change) {
		this.result = result;
		this.change = change;
	}

	Optional<Change> change() {
		return (this.failure == null) ? Optional.ofNullable(this.change) : Optional.empty();
	}

	/** Fails it, unless it already has an outcome. */
	void fail(RuntimeException reason) {
		if (!this.done && this.failure == null) {
			this.failure = reason;
			this.done = true;
		}
	}

	/** The group committed: what it staged stands, unless it failed alone. */
	void committed() {
		this.done = true;
	}

	boolean done() {
		return this.done;
	}

	T outcome() {
		if (this.failure != null) {
			throw this.failure;
		}
		return this.result;
	}

}
