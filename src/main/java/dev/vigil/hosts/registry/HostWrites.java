package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.database.WritePath;
import dev.vigil.security.Callers;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's write path: validates each change before writing it, writes it in one transaction
 * under the write lock, appends it to the change log and captures a history row for each entry it
 * touched, naming its caller and carrying the change's one timestamp, in the same transaction; once
 * it has committed, the change feed moves forward.
 */
public class HostWrites {

	/** Unconditional updates re-read and retry when another writer got in between. */
	private static final int UNCONDITIONAL_ATTEMPTS = 5;

	private final HostRepository repository;

	private final TransactionTemplate transactions;

	private final ChangeLog changes;

	private final HistoryCapture history;

	private final WritePath writes;

	private final BulkLocks bulk;

	private final ChangeFeed feed;

	private final DatabaseCalls database;

	private final Clock clock;

	private final Ulid ids;

	/** Each write's transaction and its wait for the write lock, as spans of the call that made it. */
	private final ObservationRegistry observations;

	HostWrites(HostRepository repository, TransactionTemplate transactions, ChangeLog changes, HistoryCapture history,
			WritePath writes, BulkLocks bulk, ChangeFeed feed, DatabaseCalls database, Clock clock,
			ObservationRegistry observations) {
		this.repository = repository;
		this.transactions = transactions;
		this.changes = changes;
		this.history = history;
		this.writes = writes;
		this.bulk = bulk;
		this.feed = feed;
		this.database = database;
		this.clock = clock;
		this.ids = new Ulid(clock);
		this.observations = observations;
	}

	public Host add(HostFields raw, WriteCaller caller) {
		HostFields fields = HostValidator.validate(raw);
		Instant now = now();
		Host host = new Host(this.ids.next(), fields, now, now, 1);
		write(caller, (history) -> {
			rejectDuplicate(fields, null);
			this.repository.insert(host);
			history.wrote(HistoryOperation.CREATED, null, host);
			caller.check();
			return host;
		});
		return host;
	}

	public Host update(String id, HostUpdate update, WriteCaller caller) {
		String key = HostsRegistry.checkId(id);
		for (int attempt = 1;; attempt++) {
			boolean lastAttempt = update.expectedVersion().isPresent() || attempt == UNCONDITIONAL_ATTEMPTS;
			Optional<Host> written = write(caller, (history) -> {
				Host current = this.repository.find(key).orElseThrow(() -> HostsRegistry.notFound(key));
				checkVersion(update.expectedVersion(), current);
				HostFields fields = HostValidator.validate(update.applyTo(current.fields()));
				rejectDuplicate(fields, key);
				Host next = new Host(key, fields, current.createdAt(), now(), current.version() + 1);
				if (!this.repository.update(next, current.version())) {
					if (lastAttempt) {
						Host now = this.repository.find(key).orElseThrow(() -> HostsRegistry.notFound(key));
						throw versionConflict(current.versionText(), now.versionText());
					}
					return Optional.<Host>empty();
				}
				history.wrote(HistoryOperation.UPDATED, current.fields(), next);
				caller.check();
				return Optional.of(next);
			});
			if (written.isPresent()) {
				return written.get();
			}
		}
	}

	public void delete(String id, Optional<String> expectedVersion, WriteCaller caller) {
		String key = HostsRegistry.checkId(id);
		write(caller, (history) -> {
			Host current = this.repository.find(key).orElseThrow(() -> HostsRegistry.notFound(key));
			checkVersion(expectedVersion, current);
			if (!this.repository.delete(key, current.version())) {
				throw versionConflict(current.versionText(), "changed concurrently");
			}
			history.removed(HistoryOperation.DELETED, current);
			caller.check();
			return null;
		});
	}

	/** {@link #write(WriteCaller, Function, Predicate, boolean)} for work that always changes the registry. */
	private <T> T write(WriteCaller caller, Function<ChangedEntries, T> work) {
		return write(caller, work, (result) -> true, false);
	}

	/**
	 * {@link #write(WriteCaller, Function, Predicate, boolean)} for a rollback or an import, which
	 * exclude each other: while one is being applied on any replica, another is refused with
	 * {@link HostsException.Reason#CONCURRENT_WRITE} and writes nothing.
	 */
	public <T> T writeExclusive(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed) {
		if (!this.bulk.tryBulkHere()) {
			throw concurrentBulkWrite();
		}
		try {
			return write(caller, work, changed, true);
		}
		finally {
			this.bulk.releaseBulkHere();
		}
	}

	/**
	 * Runs work in a transaction under the write lock that appends no change: for writes outside
	 * the entries (snapshots), which must read or keep them exactly as of the newest change.
	 */
	public <T> T underWriteLock(Supplier<T> work) {
		return write(WriteCaller.UNATTENDED, (history) -> work.get(), (result) -> false, false);
	}

	/**
	 * Runs a write in a transaction under the write lock, unless its caller has already gone. When
	 * {@code changed} says the work changed anything, appends a change to the log and writes the
	 * history rows the work gathered, with the change and the caller, in the same transaction. The
	 * wait for the write lock is bounded by the caller's deadline ({@link WritePath#enter}); the
	 * commit, once asked for, is never cancelled. Translates database failures; after the commit,
	 * moves the feed forward (which renders the hosts file and tells followers).
	 */
	private <T> T write(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed,
			boolean exclusive) {
		Written<T> written = this.database.run(() -> {
			caller.check();
			try (WritePath.Turn turn = this.writes.enter(caller.remaining(), caller::check)) {
				return observed("vigil.hosts.write", "hosts write").observe(() -> this.transactions.execute((status) -> {
					if (exclusive && !this.bulk.tryBulkAcrossReplicas()) {
						throw concurrentBulkWrite();
					}
					observed("vigil.hosts.write.lock", "hosts write lock").observe(turn::lockAcrossReplicas);
					ChangedEntries history = new ChangedEntries();
					T result = work.apply(history);
					if (!changed.test(result)) {
						turn.committing();
						return new Written<>(result, null);
					}
					Instant committedAt = now();
					Change change = this.changes.append(committedAt);
					this.history.insertAll(change, HostColumns.micros(committedAt), caller.name(), history.all());
					turn.committing();
					return new Written<>(result, change);
				}));
			}
		});
		if (written.change() != null) {
			this.feed.moveTo(written.change());
		}
		return written.result();
	}

	private Observation observed(String name, String spanName) {
		return Observation.createNotStarted(name, this.observations).contextualName(spanName);
	}

	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	public String newId() {
		return this.ids.next();
	}

	private void rejectDuplicate(HostFields fields, String exceptId) {
		this.repository.findByAddressAndName(fields.ipAddress(), fields.hostname())
			.filter((existing) -> !existing.id().equals(exceptId))
			.ifPresent((existing) -> {
				throw new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry for " + fields.ipAddress()
						+ " " + fields.hostname() + " already exists (id " + existing.id() + ")");
			});
	}

	private record Written<T>(T result, Change change) {
	}

	private static void checkVersion(Optional<String> expected, Host current) {
		if (expected.isPresent() && !expected.get().equals(current.versionText())) {
			throw versionConflict(expected.get(), current.versionText());
		}
	}

	private static HostsException versionConflict(String expected, String current) {
		return new HostsException(HostsException.Reason.VERSION_CONFLICT, "version mismatch: expected "
				+ HostValidator.printable(expected) + ", current " + current);
	}

	private static HostsException concurrentBulkWrite() {
		return new HostsException(HostsException.Reason.CONCURRENT_WRITE,
				"another rollback or import is being applied; nothing was written, try again once it has finished");
	}

	/**
	 * Who makes a write, as the write sees it: the name its history rows carry, and the call it came
	 * in, asked before the write starts, while it waits for the write lock, and just before it
	 * commits: {@link #check()} throws {@link HostsException} when the caller has given up (deadline
	 * passed or call cancelled), so that nothing is started or half-written.
	 */
	public interface WriteCaller {

		/** Background work nobody called: never gives up, sets no deadline, named {@value Callers#ANONYMOUS}. */
		WriteCaller UNATTENDED = () -> Callers.ANONYMOUS;

		/** The caller's name: a token's name, a certificate's subject, or {@value Callers#ANONYMOUS}. */
		String name();

		/** Throws when the caller has given up. */
		default void check() {
		}

		/** What remains of the caller's deadline; empty when it set none. */
		default Optional<Duration> remaining() {
			return Optional.empty();
		}

	}
}
