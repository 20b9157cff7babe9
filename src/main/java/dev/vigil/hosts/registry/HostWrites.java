package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.database.WritePath;
import dev.vigil.security.Callers;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's write path: validates each change before writing it, writes it in a transaction
 * under the write lock, appends it to the change log and captures a history row for each entry it
 * touched, naming its caller and carrying the change's one timestamp, in the same transaction; once
 * it has committed, the change feed moves forward. Writes arriving together commit together
 * ({@link GroupCommit}).
 */
public class HostWrites {

	/** Unconditional updates re-read and retry when another writer got in between. */
	private static final int UNCONDITIONAL_ATTEMPTS = 5;

	private final HostRepository repository;

	private final BulkLocks bulk;

	private final Clock clock;

	private final Ulid ids;

	private final GroupCommit commits;

	HostWrites(HostRepository repository, TransactionTemplate transactions, ChangeLog changes,
			WritePath writes, BulkLocks bulk, ChangeFeed feed, DatabaseCalls database, Clock clock,
			ObservationRegistry observations, MeterRegistry meters) {
		this.repository = repository;
		this.bulk = bulk;
		this.clock = clock;
		this.ids = new Ulid(clock);
		this.commits = new GroupCommit(writes, transactions, database, changes, repository, feed, bulk, this::now,
				observations, meters);
	}

	public Host add(HostFields raw, WriteCaller caller) {
		HostFields fields = HostValidator.validate(raw);
		Instant now = now();
		Host host = new Host(this.ids.next(), fields, now, now, 1);
		// No look at the caller after the statement, which may carry the commit: a creation whose
		// caller leaves once it is sent stands, as any write does whose caller leaves during its commit.
		this.commits.write(caller, QueuedWrite.Kind.CREATION, (entries) -> {
			if (!entries.create(host)) {
				// Which entry holds them, for the message: a second statement only when refused.
				rejectDuplicate(fields, null);
				throw DatabaseCalls.duplicate();
			}
			return host;
		});
		return host;
	}

	public Host update(String id, HostUpdate update, WriteCaller caller) {
		String key = HostsRegistry.checkId(id);
		for (int attempt = 1;; attempt++) {
			boolean lastAttempt = update.expectedVersion().isPresent() || attempt == UNCONDITIONAL_ATTEMPTS;
			Optional<Host> written = write(caller, (entries) -> {
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
				entries.wrote(HistoryOperation.UPDATED, current.fields(), next);
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
		write(caller, (entries) -> {
			Host current = this.repository.find(key).orElseThrow(() -> HostsRegistry.notFound(key));
			checkVersion(expectedVersion, current);
			if (!this.repository.delete(key, current.version())) {
				throw versionConflict(current.versionText(), "changed concurrently");
			}
			entries.removed(HistoryOperation.DELETED, current);
			caller.check();
			return null;
		});
	}

	/** Work that always changes the registry, committed alone or with the writes queued beside it. */
	private <T> T write(WriteCaller caller, Function<ChangedEntries, T> work) {
		return this.commits.write(caller, QueuedWrite.Kind.CHANGE, work);
	}

	/**
	 * A rollback or an import, which exclude each other: while one is being applied on any replica,
	 * another is refused with {@link HostsException.Reason#CONCURRENT_WRITE} and writes nothing.
	 * Committed alone; appends a change when {@code changed} says the work changed anything.
	 */
	public <T> T writeExclusive(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed) {
		if (!this.bulk.tryBulkHere()) {
			throw concurrentBulkWrite();
		}
		try {
			return this.commits.alone(caller, work, changed, QueuedWrite.Kind.EXCLUSIVE);
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
		return this.commits.alone(WriteCaller.UNATTENDED, (entries) -> work.get(), (result) -> false, QueuedWrite.Kind.CHANGE);
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

	private static void checkVersion(Optional<String> expected, Host current) {
		if (expected.isPresent() && !expected.get().equals(current.versionText())) {
			throw versionConflict(expected.get(), current.versionText());
		}
	}

	private static HostsException versionConflict(String expected, String current) {
		return new HostsException(HostsException.Reason.VERSION_CONFLICT, "version mismatch: expected "
				+ HostValidator.printable(expected) + ", current " + current);
	}

	static HostsException concurrentBulkWrite() {
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
