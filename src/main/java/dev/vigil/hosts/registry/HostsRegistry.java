package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.vigil.database.DatabaseFailureSignal;
import dev.vigil.hosts.entries.Checkpoint;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.entries.HostFields;
import dev.vigil.hosts.entries.HostUpdate;
import dev.vigil.hosts.entries.HostValidator;
import dev.vigil.hosts.entries.HostsException;
import dev.vigil.hosts.entries.Ulid;
import dev.vigil.hosts.feed.Change;
import dev.vigil.hosts.feed.ChangeFeed;
import dev.vigil.hosts.feed.ChangeLog;
import dev.vigil.hosts.store.HostQuery;
import dev.vigil.hosts.store.HostRepository;
import dev.vigil.hosts.store.WriteLocks;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosts registry: validates each change before writing it, writes it in one transaction under
 * the write lock, and appends it to the change log in the same transaction; once it has committed,
 * the change feed moves forward.
 */
public class HostsRegistry {

	/** Unconditional updates re-read and retry when another writer got in between. */
	private static final int UNCONDITIONAL_ATTEMPTS = 5;

	private final HostRepository repository;

	private final TransactionTemplate transactions;

	private final ChangeLog changes;

	private final WriteLocks locks;

	private final ChangeFeed feed;

	private final DatabaseFailureSignal failures;

	private final Clock clock;

	private final Ulid ids;

	public HostsRegistry(HostRepository repository, TransactionTemplate transactions, ChangeLog changes, WriteLocks locks,
			ChangeFeed feed, DatabaseFailureSignal failures, Clock clock) {
		this.repository = repository;
		this.transactions = transactions;
		this.changes = changes;
		this.locks = locks;
		this.feed = feed;
		this.failures = failures;
		this.clock = clock;
		this.ids = new Ulid(clock);
	}

	public Host add(HostFields raw, Checkpoint checkpoint) {
		HostFields fields = HostValidator.validate(raw);
		Instant now = now();
		Host host = new Host(this.ids.next(), fields, now, now, 1);
		write(() -> {
			rejectDuplicate(fields, null);
			this.repository.insert(host);
			checkpoint.check();
			return host;
		});
		return host;
	}

	public Host get(String id) {
		String key = checkId(id);
		return read(() -> this.repository.find(key)).orElseThrow(() -> notFound(key));
	}

	public Host update(String id, HostUpdate update, Checkpoint checkpoint) {
		String key = checkId(id);
		for (int attempt = 1;; attempt++) {
			boolean lastAttempt = update.expectedVersion().isPresent() || attempt == UNCONDITIONAL_ATTEMPTS;
			Optional<Host> written = write(() -> {
				Host current = this.repository.find(key).orElseThrow(() -> notFound(key));
				checkVersion(update.expectedVersion(), current);
				HostFields fields = HostValidator.validate(update.applyTo(current.fields()));
				rejectDuplicate(fields, key);
				Host next = new Host(key, fields, current.createdAt(), now(), current.version() + 1);
				if (!this.repository.update(next, current.version())) {
					if (lastAttempt) {
						Host now = this.repository.find(key).orElseThrow(() -> notFound(key));
						throw versionConflict(current.versionText(), now.versionText());
					}
					return Optional.<Host>empty();
				}
				checkpoint.check();
				return Optional.of(next);
			});
			if (written.isPresent()) {
				return written.get();
			}
		}
	}

	public void delete(String id, Optional<String> expectedVersion, Checkpoint checkpoint) {
		String key = checkId(id);
		write(() -> {
			Host current = this.repository.find(key).orElseThrow(() -> notFound(key));
			checkVersion(expectedVersion, current);
			if (!this.repository.delete(key, current.version())) {
				throw versionConflict(current.versionText(), "changed concurrently");
			}
			checkpoint.check();
			return null;
		});
	}

	/** One page of a list or search; see {@link HostRepository#page}. */
	public List<Host> page(HostQuery query, HostRepository.Cursor after, int offset, int size) {
		return read(() -> this.repository.page(query, after, offset, size));
	}

	/** {@link #write(Supplier, Predicate)} for work that always changes the registry. */
	<T> T write(Supplier<T> work) {
		return write(work, (result) -> true);
	}

	/** One page in id order; see {@link HostRepository#pageById}. */
	public List<Host> pageById(String afterId, int size) {
		return read(() -> this.repository.pageById(afterId, size));
	}

	/** The newest committed change, read from the database. */
	public Change newestChange() {
		return read(this.changes::newest);
	}

	/**
	 * Runs a write in a transaction under the write lock, appending a change to the log in it when
	 * {@code changed} says the work changed anything; translates database failures; and, after the
	 * commit, moves the feed forward (which renders the hosts file and tells followers).
	 */
	<T> T write(Supplier<T> work, Predicate<T> changed) {
		return write(work, changed, false);
	}

	/**
	 * {@link #write(Supplier, Predicate)} for a rollback or an import, which exclude each other: while
	 * one is being applied on any replica, another is refused with
	 * {@link HostsException.Reason#CONCURRENT_WRITE} and writes nothing.
	 */
	public <T> T writeExclusive(Supplier<T> work, Predicate<T> changed) {
		if (!this.locks.tryBulkHere()) {
			throw concurrentBulkWrite();
		}
		try {
			return write(work, changed, true);
		}
		finally {
			this.locks.releaseBulkHere();
		}
	}

	/**
	 * Runs work in a transaction under the write lock that appends no change: for writes outside
	 * the entries (snapshots), which must read or keep them exactly as of the newest change.
	 */
	public <T> T underWriteLock(Supplier<T> work) {
		return write(work, (result) -> false, false);
	}

	private <T> T write(Supplier<T> work, Predicate<T> changed, boolean exclusive) {
		Written<T> written;
		try {
			written = this.transactions.execute((status) -> {
				if (exclusive && !this.locks.tryBulkAcrossReplicas()) {
					throw concurrentBulkWrite();
				}
				this.locks.lockWrites();
				T result = work.get();
				return new Written<>(result, changed.test(result) ? this.changes.append() : null);
			});
		}
		catch (DataIntegrityViolationException ex) {
			// Another writer committed the same address and name between our check and insert.
			throw new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry with this ip_address and hostname already exists");
		}
		catch (RuntimeException ex) {
			this.failures.report(ex);
			throw HostsException.fromDatabase(ex);
		}
		if (written.change() != null) {
			this.feed.moveTo(written.change());
		}
		return written.result();
	}

	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	public String newId() {
		return this.ids.next();
	}

	/** Runs a read, translating database failures. */
	public <T> T read(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (RuntimeException ex) {
			this.failures.report(ex);
			throw HostsException.fromDatabase(ex);
		}
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

	private static HostsException notFound(String id) {
		return new HostsException(HostsException.Reason.NOT_FOUND, "no entry with id " + id);
	}

	/** The id in canonical form; INVALID_ARGUMENT naming {@code field} when it is not a ULID. */
	public static String checkId(String field, String id) {
		String upper = (id != null) ? id.toUpperCase(Locale.ROOT) : "";
		if (!Ulid.isValid(upper)) {
			throw HostsException.invalid(field, "must be a ULID (26 Crockford base-32 characters), got \""
					+ HostValidator.printable(id) + "\"");
		}
		return upper;
	}

	private static String checkId(String id) {
		return checkId("id", id);
	}

}
